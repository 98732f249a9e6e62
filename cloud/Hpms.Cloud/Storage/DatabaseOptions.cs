namespace Hpms.Cloud.Storage;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>Gets or sets the provider; SQLite unless configured.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Gets or sets the connection string (SQLite: <c>Data Source=hpms-cloud.db</c>).</summary>
    public string ConnectionString { get; set; } = "Data Source=hpms-cloud.db";

    /// <summary>
    /// Gets or sets the environment variable holding the PostgreSQL password, appended to the connection
    /// string so the secret stays out of configuration files.
    /// </summary>
    public string? PasswordEnv { get; set; }

    /// <summary>Gets or sets whether migrations run at start-up (else the schema must already be current).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Gets or sets how long SQLite waits for a writer's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
