using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hpms.Cloud.Storage;

/// <summary>
/// Opens connections to the configured relational store. SQLite connections get WAL, a busy timeout and
/// foreign keys; SQLite transactions are begun immediate so two writers queue instead of deadlocking on
/// the upgrade from a read lock.
/// </summary>
public sealed class CloudDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly int _busyTimeoutMs;

    /// <summary>Initializes a new instance of the <see cref="CloudDatabase"/> class.</summary>
    /// <param name="options">Database options.</param>
    public CloudDatabase(IOptions<DatabaseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DatabaseOptions o = options.Value;
        Dialect = SqlDialect.For(o.Provider);
        _busyTimeoutMs = (int)o.BusyTimeout.TotalMilliseconds;
        string connectionString = o.ConnectionString;
        if (o.PasswordEnv is { Length: > 0 } env && Environment.GetEnvironmentVariable(env) is { Length: > 0 } password)
        {
            var b = new DbConnectionStringBuilder { ConnectionString = connectionString };
            b["Password"] = password;
            connectionString = b.ConnectionString;
        }

        _connectionString = connectionString;
        if (o.Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
    }

    /// <summary>Gets the SQL dialect.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Opens a connection.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection; dispose it.</returns>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString) { DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000) };
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using SqliteCommand pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Begins a transaction that takes the write lock at once (SQLite) or is read committed (PostgreSQL).</summary>
    /// <param name="connection">An open connection from <see cref="OpenAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the begin.</param>
    /// <returns>The transaction.</returns>
    public async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection sqlite)
        {
            // deferred: false → BEGIN IMMEDIATE.
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets SQLite's journal to WAL once per database file (a persistent setting).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return;
        }

        DbConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using DbCommand wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }
}
