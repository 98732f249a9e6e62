using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Domain.Alarms;
using Hpms.Cloud.Events;
using Hpms.Cloud.Replenishment;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Alarms;

/// <summary>
/// Writes alarm rows for events, inside the event's transaction. The unique event id makes raising
/// idempotent, so the alarm and cold-chain consumers can both ask for the same event's alarm in
/// whichever order they run.
/// </summary>
public sealed class AlarmWriter(SupplyMetrics metrics)
{
    /// <summary>Raises the event's alarm unless it exists; returns its id either way.</summary>
    /// <param name="received">The event.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The event's transaction.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The alarm id.</returns>
    public async Task<long> RaiseAsync(ReceivedEvent received, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(connection);
        DeviceEvent e = received.Event;
        long? created = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO alarms (event_id, device_id, kind, rule_id, series, severity, state, started_ms, message, values_json)
            VALUES (@id, @device, @kind, @rule, @series, @severity, 'active', @started, @message, @values)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING id
            """,
            new
            {
                id = e.Id,
                device = e.Device.DeviceId,
                kind = received.Kind.Family,
                rule = received.Kind.RuleId,
                series = received.Kind.Series,
                severity = e.Severity.ToString().ToLowerInvariant(),
                started = e.StartedUnixMs,
                message = e.Message,
                values = ValuesJson(e.Values),
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (created is long id)
        {
            metrics.AlarmRaised();
            return id;
        }

        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM alarms WHERE event_id = @id", new { id = e.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Clears the alarm of a condition that ended (no-op when there is none or it is cleared).</summary>
    /// <param name="received">The cleared event.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The event's transaction.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>True when an alarm was cleared.</returns>
    public async Task<bool> ClearAsync(ReceivedEvent received, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(connection);
        DeviceEvent e = received.Event;
        int rows = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE alarms SET state = '{AlarmStates.Cleared}', cleared_ms = @at WHERE event_id = @id AND state <> '{AlarmStates.Cleared}'",
            new { id = e.Id, at = e.ClearedUnixMs ?? received.ReceivedUnixMs },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (rows > 0)
        {
            metrics.AlarmCleared();
        }

        return rows > 0;
    }

    /// <summary>An event's values as a JSON object, invariant and with non-finite values left out.</summary>
    /// <param name="values">The values.</param>
    /// <returns>JSON.</returns>
    public static string ValuesJson(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach ((string key, double value) in values)
        {
            if (double.IsFinite(value))
            {
                finite[key] = value;
            }
        }

        return JsonSerializer.Serialize(finite);
    }

    /// <summary>The API path-style target of an alarm (<c>alarm/17</c>).</summary>
    /// <param name="id">Alarm id.</param>
    /// <returns>The target.</returns>
    public static string Target(long id) => string.Create(CultureInfo.InvariantCulture, $"alarm/{id}");
}
