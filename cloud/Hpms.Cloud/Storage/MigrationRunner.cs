using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Hpms.Cloud.Storage;

/// <summary>
/// Brings the schema up to date: applies each embedded migration not yet in <c>schema_migrations</c>, in
/// version order, each in its own transaction. Several instances starting at once are safe: PostgreSQL
/// serialises them on an advisory lock, SQLite on its write lock, and a migration applied by another
/// instance meanwhile is skipped.
/// </summary>
public sealed partial class MigrationRunner(CloudDatabase database, ILogger<MigrationRunner> logger)
{
    private const long AdvisoryLockKey = 0x48504D5301; // "HPMS" + 1

    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    /// <returns>The migrations.</returns>
    public static IReadOnlyList<Migration> Embedded()
    {
        Assembly assembly = typeof(MigrationRunner).Assembly;
        var list = new List<Migration>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("migrations/", StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string file = resource["migrations/".Length..^".sql".Length];
            int underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i].Version == list[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations have version {list[i].Version}.");
            }
        }

        return list;
    }

    /// <summary>Applies the pending migrations.</summary>
    /// <param name="cancellationToken">Cancels between migrations.</param>
    /// <returns>How many were applied by this call.</returns>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken).ConfigureAwait(false);
        int applied = 0;
        foreach (Migration migration in Embedded())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ApplyAsync(migration, cancellationToken).ConfigureAwait(false))
            {
                applied++;
                LogApplied(logger, migration.Version, migration.Name, database.Dialect.Provider);
            }
        }

        return applied;
    }

    /// <summary>The versions applied so far.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Applied versions, ascending.</returns>
    public async Task<IReadOnlyList<int>> AppliedAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await EnsureTableAsync(connection, null, cancellationToken).ConfigureAwait(false);
            IEnumerable<int> versions = await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT version FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return versions.ToList();
        }
    }

    private static Task<int> EnsureTableAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)",
            transaction: transaction,
            cancellationToken: cancellationToken));

    private async Task<bool> ApplyAsync(Migration migration, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (database.Dialect.Provider == DatabaseProvider.Postgres)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                await EnsureTableAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                int done = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version = migration.Version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (done > 0)
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(database.Dialect.Expand(migration.Script), transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (@version, @name, @at)",
                    new { version = migration.Version, name = migration.Name, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name} on {Provider}")]
    private static partial void LogApplied(ILogger logger, int version, string name, DatabaseProvider provider);
}
