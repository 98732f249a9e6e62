-- The audit log is append-only in the database as well as in the code: any UPDATE or DELETE of an audit row
-- (and TRUNCATE on PostgreSQL) fails, whoever sends it. Triggers per dialect: SqlDialect.Expand.
{{append_only:audit_log}}
