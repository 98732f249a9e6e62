using System.Data.Common;
using Dapper;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.Audit;

/// <summary>
/// Appends to <c>audit_log</c>: who did what to which target, and when. Only appends: nothing in the
/// code updates or deletes audit rows. Pass the caller's transaction so the record commits or rolls back
/// with the change it describes.
/// </summary>
public sealed class AuditLog(CloudDatabase database, TimeProvider clock)
{
    /// <summary>Appends a record inside an open transaction.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="transaction">The transaction of the audited change.</param>
    /// <param name="actor">Who (user name, api key name, or <c>system</c>).</param>
    /// <param name="action">What (e.g. <c>workorder.accept</c>).</param>
    /// <param name="target">On what (e.g. <c>workorder/17</c>).</param>
    /// <param name="details">Free text or JSON.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    /// <returns>A task.</returns>
    public Task AppendAsync(DbConnection connection, DbTransaction? transaction, string actor, string action, string target, string details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at_ms, actor, action, target, details) VALUES (@at, @actor, @action, @target, @details)",
            new { at = clock.GetUtcNow().ToUnixTimeMilliseconds(), actor, action, target, details },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Appends a record in its own connection.</summary>
    /// <param name="actor">Who.</param>
    /// <param name="action">What.</param>
    /// <param name="target">On what.</param>
    /// <param name="details">Free text or JSON.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    /// <returns>A task.</returns>
    public async Task AppendAsync(string actor, string action, string target, string details, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await AppendAsync(connection, null, actor, action, target, details, cancellationToken).ConfigureAwait(false);
        }
    }
}
