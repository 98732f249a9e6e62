using System.Data.Common;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Domain.Alarms;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.Alarms;

/// <summary>
/// What people do with alarms: list, acknowledge, clear. Each change is one conditional update (so two
/// people acting at once cannot both succeed on the same transition) plus an audit record in the same
/// transaction.
/// </summary>
public sealed class AlarmService(CloudDatabase database, AuditLog audit, SupplyMetrics metrics, TimeProvider clock)
{
    private const string Columns =
        "id AS Id, event_id AS EventId, device_id AS DeviceId, kind AS Kind, rule_id AS RuleId, series AS Series, severity AS Severity, " +
        "state AS State, started_ms AS StartedMs, cleared_ms AS ClearedMs, acknowledged_by AS AcknowledgedBy, acknowledged_ms AS AcknowledgedMs, " +
        "message AS Message, values_json AS ValuesJson, excursion_json AS ExcursionJson";

    /// <summary>Lists alarms, newest first.</summary>
    /// <param name="state">Only this state, if given.</param>
    /// <param name="deviceId">Only this device, if given.</param>
    /// <param name="limit">At most this many (1–1000).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alarms.</returns>
    public async Task<IReadOnlyList<AlarmRow>> ListAsync(string? state, string? deviceId, int limit, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<AlarmRow> rows = await connection.QueryAsync<AlarmRow>(new CommandDefinition(
                $"""
                SELECT {Columns} FROM alarms
                WHERE (@state IS NULL OR state = @state) AND (@deviceId IS NULL OR device_id = @deviceId)
                ORDER BY started_ms DESC, id DESC LIMIT @limit
                """,
                new { state, deviceId, limit = Math.Clamp(limit, 1, 1000) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.ToList();
        }
    }

    /// <summary>One alarm.</summary>
    /// <param name="id">Alarm id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alarm or null.</returns>
    public async Task<AlarmRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.QuerySingleOrDefaultAsync<AlarmRow>(new CommandDefinition(
                $"SELECT {Columns} FROM alarms WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Acknowledges an active alarm.</summary>
    /// <param name="id">Alarm id.</param>
    /// <param name="actor">Who.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public Task<StateChangeResult> AcknowledgeAsync(long id, string actor, CancellationToken cancellationToken) =>
        TransitionAsync(
            id,
            actor,
            "alarm.acknowledge",
            $"UPDATE alarms SET state = '{AlarmStates.Acknowledged}', acknowledged_by = @actor, acknowledged_ms = @now WHERE id = @id AND state = '{AlarmStates.Active}'",
            AlarmStates.Acknowledged,
            cancellationToken);

    /// <summary>Clears an active or acknowledged alarm.</summary>
    /// <param name="id">Alarm id.</param>
    /// <param name="actor">Who.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public async Task<StateChangeResult> ClearAsync(long id, string actor, CancellationToken cancellationToken)
    {
        StateChangeResult result = await TransitionAsync(
            id,
            actor,
            "alarm.clear",
            $"UPDATE alarms SET state = '{AlarmStates.Cleared}', cleared_ms = @now WHERE id = @id AND state IN ('{AlarmStates.Active}', '{AlarmStates.Acknowledged}')",
            AlarmStates.Cleared,
            cancellationToken).ConfigureAwait(false);
        if (result.Status == StateChangeStatus.Done)
        {
            metrics.AlarmCleared();
        }

        return result;
    }

    private async Task<StateChangeResult> TransitionAsync(long id, string actor, string action, string update, string to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int rows = await connection.ExecuteAsync(new CommandDefinition(update, new { id, actor, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (rows == 0)
                {
                    string? state = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                        "SELECT state FROM alarms WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    return new StateChangeResult(state is null ? StateChangeStatus.NotFound : StateChangeStatus.InvalidTransition, state);
                }

                await audit.AppendAsync(connection, transaction, actor, action, AlarmWriter.Target(id), to, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new StateChangeResult(StateChangeStatus.Done, to);
            }
        }
    }
}
