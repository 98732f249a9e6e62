using System.Data.Common;
using Dapper;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.Security;

/// <summary>Users and API keys in the store. Upserts rely on the primary keys (no check-then-insert).</summary>
public sealed class CredentialStore(CloudDatabase database, TimeProvider clock)
{
    /// <summary>Finds a user by name.</summary>
    /// <param name="name">User name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The user or null.</returns>
    public async Task<StoredUser?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // CAST: INTEGER is int4 on PostgreSQL and int64 on SQLite, and Dapper maps a record by exact constructor types.
            return await connection.QuerySingleOrDefaultAsync<StoredUser>(new CommandDefinition(
                "SELECT name AS Name, password_hash AS PasswordHash, roles AS Roles, technician_id AS TechnicianId, CAST(disabled AS BIGINT) AS Disabled FROM users WHERE name = @name",
                new { name },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Finds a live (not revoked) API key by its hash.</summary>
    /// <param name="keyHash">SHA-256 hex of the key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The key or null.</returns>
    public async Task<StoredApiKey?> FindApiKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.QuerySingleOrDefaultAsync<StoredApiKey>(new CommandDefinition(
                "SELECT id AS Id, name AS Name, roles AS Roles FROM api_keys WHERE key_hash = @keyHash AND revoked_ms IS NULL",
                new { keyHash },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Creates a user, or replaces its hash, roles and technician when it exists (bootstrap).</summary>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="name">User name.</param>
    /// <param name="passwordHash">Hash.</param>
    /// <param name="roles">Roles.</param>
    /// <param name="technicianId">Technician id, or null.</param>
    /// <param name="replace">Whether an existing user is updated (true) or left alone (false).</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>Rows written (0 when the user existed and was left alone).</returns>
    public Task<int> UpsertUserAsync(DbConnection connection, DbTransaction transaction, string name, string passwordHash, IEnumerable<string> roles, string? technicianId, bool replace, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO users (name, password_hash, roles, technician_id, created_ms, disabled) VALUES (@name, @passwordHash, @roles, @technicianId, @now, 0) "
            + (replace
                ? "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, roles = excluded.roles, technician_id = excluded.technician_id, disabled = 0"
                : "ON CONFLICT (name) DO NOTHING"),
            new { name, passwordHash, roles = string.Join(',', roles), technicianId, now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Stores an API key (by hash); a key with the same hash is left as it is.</summary>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="id">Key id.</param>
    /// <param name="keyHash">SHA-256 hex.</param>
    /// <param name="name">Name.</param>
    /// <param name="roles">Roles.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>Rows written.</returns>
    public Task<int> InsertApiKeyAsync(DbConnection connection, DbTransaction transaction, string id, string keyHash, string name, IEnumerable<string> roles, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, key_hash, name, roles, created_ms) VALUES (@id, @keyHash, @name, @roles, @now) ON CONFLICT (key_hash) DO NOTHING",
            new { id, keyHash, name, roles = string.Join(',', roles), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));
}
