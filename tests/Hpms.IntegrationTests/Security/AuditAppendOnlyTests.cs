using System.Data.Common;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Cloud;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Security;

/// <summary>
/// The audit log is append-only in the database itself (migration 0900_audit_append_only): on SQLite and on
/// PostgreSQL an UPDATE or DELETE of an audit row fails and the row is unchanged, while appending still works.
/// </summary>
[Collection("postgres")]
public sealed class AuditAppendOnlyTests(PostgresFixture postgres)
{
    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AuditRows_UpdateOrDelete_RefusedByTheDatabase_AppendStillWorks(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var audit = new AuditLog(store.Database, TimeProvider.System);
        await audit.AppendAsync("alice", "workorder.verify", "workorder/1", "resolved -> verified", CancellationToken.None);
        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);

        DbException update = await Assert.ThrowsAnyAsync<DbException>(() => c.ExecuteAsync("UPDATE audit_log SET actor = 'mallory'"));
        DbException delete = await Assert.ThrowsAnyAsync<DbException>(() => c.ExecuteAsync("DELETE FROM audit_log"));
        await audit.AppendAsync("bob", "alarm.acknowledge", "alarm/1", "acknowledged", CancellationToken.None);

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(["alice", "bob"], await c.QueryAsync<string>("SELECT actor FROM audit_log ORDER BY id"));
        if (provider == DatabaseProvider.Postgres)
        {
            DbException truncate = await Assert.ThrowsAnyAsync<DbException>(() => c.ExecuteAsync("TRUNCATE audit_log"));
            Assert.Contains("append-only", truncate.Message, StringComparison.Ordinal);
        }
    }
}
