using System.Data.Common;
using Dapper;
using Hpms.Cloud.Alarms;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.ColdChain;

/// <summary>A pharmacist's decision on held stock: release it to use or discard it; once, audited.</summary>
public sealed class HoldService(CloudDatabase database, AuditLog audit, SupplyMetrics metrics, TimeProvider clock)
{
    /// <summary>Lists holds, newest first.</summary>
    /// <param name="status">Only this status, if given.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The holds.</returns>
    public async Task<IReadOnlyList<HoldRow>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<HoldRow> rows = await connection.QueryAsync<HoldRow>(new CommandDefinition(
                """
                SELECT id AS Id, alarm_id AS AlarmId, device_id AS DeviceId, status AS Status, lots_json AS LotsJson,
                       created_ms AS CreatedMs, decided_ms AS DecidedMs, decided_by AS DecidedBy
                FROM stock_holds WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT 1000
                """,
                new { status },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.ToList();
        }
    }

    /// <summary>Releases held stock.</summary>
    /// <param name="id">Hold id.</param>
    /// <param name="actor">Who.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public Task<StateChangeResult> ReleaseAsync(long id, string actor, CancellationToken cancellationToken) => DecideAsync(id, actor, "released", cancellationToken);

    /// <summary>Discards held stock.</summary>
    /// <param name="id">Hold id.</param>
    /// <param name="actor">Who.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public Task<StateChangeResult> DiscardAsync(long id, string actor, CancellationToken cancellationToken) => DecideAsync(id, actor, "discarded", cancellationToken);

    private async Task<StateChangeResult> DecideAsync(long id, string actor, string to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int rows = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE stock_holds SET status = @to, decided_ms = @now, decided_by = @actor WHERE id = @id AND status = 'held'",
                    new { id, to, actor, now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (rows == 0)
                {
                    string? state = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                        "SELECT status FROM stock_holds WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    return new StateChangeResult(state is null ? StateChangeStatus.NotFound : StateChangeStatus.InvalidTransition, state);
                }

                await audit.AppendAsync(connection, transaction, actor, to == "released" ? "hold.release" : "hold.discard", ColdChainConsumer.HoldTarget(id), to, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                metrics.HoldDecided();
                return new StateChangeResult(StateChangeStatus.Done, to);
            }
        }
    }
}
