namespace Hpms.Cloud.Storage;

/// <summary>Which relational database holds the cloud's state.</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite file: the embedded default for one machine.</summary>
    Sqlite,

    /// <summary>PostgreSQL: production and several cloud instances.</summary>
    Postgres,
}
