using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Alarms;
using Hpms.Cloud.Domain.ColdChain;
using Hpms.Cloud.Domain.Events;
using Hpms.Cloud.Domain.Replenishment;
using Hpms.Cloud.Events;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.WorkOrders;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.ColdChain;

/// <summary>
/// A fridge out of range (<c>fridge.temperature.high</c>/<c>.low</c> active), a fridge door held open too
/// long, or a cold-chain excursion report → the alarm, a hold on the fridge's contents (the lots
/// <c>bin_stock</c> lists, else "all contents"), and a P1 refrigeration work order. An excursion report
/// that belongs to a temperature alarm already raised for the fridge is stored with that alarm instead of
/// raising a second one.
/// </summary>
public sealed class ColdChainConsumer(AlarmWriter alarms, IWorkOrderOpener workOrders, SupplyMetrics metrics, TimeProvider clock) : IEventConsumer
{
    /// <summary>The register-map device class of fridges.</summary>
    public const string FridgeClass = "cold-chain-fridge";

    /// <summary>Work-order cause of a temperature excursion.</summary>
    public const string ExcursionCause = "cold-chain-excursion";

    /// <summary>Work-order cause of a door held open.</summary>
    public const string DoorCause = "door-open";

    /// <inheritdoc/>
    public async Task HandleAsync(ReceivedEvent received, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        DeviceEvent e = received.Event;
        string family = received.Kind.Family;
        ExcursionReport? report = ExcursionReport.FromValues(e.Values, e.StartedUnixMs);
        long alarmId;
        string cause;
        if (family == EventFamilies.ColdChainExcursion)
        {
            // Reports come when readings are back in range (state cleared): attach to the temperature alarm if there is one.
            long? existing = await TemperatureAlarmAsync(e.Device.DeviceId, report, connection, transaction, cancellationToken).ConfigureAwait(false);
            if (existing is long id)
            {
                await StoreReportAsync(id, report, connection, transaction, cancellationToken).ConfigureAwait(false);
                return;
            }

            alarmId = await alarms.RaiseAsync(received, connection, transaction, cancellationToken).ConfigureAwait(false);
            cause = ExcursionCause;
        }
        else if (e.State == EventState.Active && IsFridgeTemperature(received.Kind))
        {
            alarmId = await alarms.RaiseAsync(received, connection, transaction, cancellationToken).ConfigureAwait(false);
            cause = ExcursionCause;
        }
        else if (e.State == EventState.Active && family == EventFamilies.DoorOpenTooLong && e.Device.DeviceClass == FridgeClass)
        {
            alarmId = await alarms.RaiseAsync(received, connection, transaction, cancellationToken).ConfigureAwait(false);
            cause = DoorCause;
        }
        else
        {
            return;
        }

        await StoreReportAsync(alarmId, report, connection, transaction, cancellationToken).ConfigureAwait(false);
        await HoldAsync(alarmId, e.Device.DeviceId, connection, transaction, cancellationToken).ConfigureAwait(false);
        await workOrders.OpenAsync(
            new WorkOrderRequest(
                e.Device.DeviceId,
                cause,
                cause == DoorCause ? $"Fridge {e.Device.DeviceId}: door held open" : $"Fridge {e.Device.DeviceId}: cold-chain excursion",
                e.Message,
                "P1",
                "refrigeration",
                e.Device.Zone,
                "event",
                e.Id,
                alarmId),
            "system",
            connection,
            transaction,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether an event is a fridge temperature threshold (<c>fridge.temperature.high</c> / <c>.low</c>).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True for those.</returns>
    public static bool IsFridgeTemperature(EventKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Family == EventFamilies.Threshold && kind.RuleId.StartsWith("fridge.temperature.", StringComparison.Ordinal);
    }

    /// <summary>The lots of a hold: the fridge's lots if the store lists any, else its whole contents by device id.</summary>
    /// <param name="deviceId">Fridge.</param>
    /// <param name="lots">Lots known.</param>
    /// <returns>JSON.</returns>
    public static string HoldLotsJson(string deviceId, IReadOnlyList<StockLot> lots)
    {
        ArgumentNullException.ThrowIfNull(lots);
        return lots.Count == 0
            ? JsonSerializer.Serialize(new[] { new Dictionary<string, object?> { ["device"] = deviceId, ["scope"] = "all contents" } })
            : ReplenishmentConsumer.LotsJson(lots)!;
    }

    private async Task HoldAsync(long alarmId, string deviceId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        IReadOnlyList<StockLot> lots = await SupplyCatalog.LotsAsync(deviceId, null, connection, transaction, cancellationToken).ConfigureAwait(false);
        int placed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO stock_holds (alarm_id, device_id, status, lots_json, created_ms) VALUES (@alarmId, @deviceId, 'held', @lots, @now)
            ON CONFLICT DO NOTHING
            """,
            new { alarmId, deviceId, lots = HoldLotsJson(deviceId, lots), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (placed > 0)
        {
            metrics.HoldPlaced();
        }
    }

    private static Task StoreReportAsync(long alarmId, ExcursionReport? report, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        report is null
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                "UPDATE alarms SET excursion_json = @json WHERE id = @alarmId",
                new { alarmId, json = JsonSerializer.Serialize(report) },
                transaction,
                cancellationToken: cancellationToken));

    // The fridge's alarm the report describes: a temperature alarm, else a door-open alarm (the usual cause:
    // one incident, one alarm, one hold, one work order), started no later than the excursion ended and not
    // cleared before it started (an alarm raised after its on-delay starts at the breach's start).
    private static Task<long?> TemperatureAlarmAsync(string deviceId, ExcursionReport? report, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT id FROM alarms
            WHERE device_id = @deviceId
              AND ((kind = @threshold AND rule_id LIKE 'fridge.temperature.%') OR kind = @door)
              AND started_ms <= @end AND (cleared_ms IS NULL OR cleared_ms >= @start)
            ORDER BY CASE WHEN kind = @threshold THEN 0 ELSE 1 END, started_ms DESC LIMIT 1
            """,
            new
            {
                deviceId,
                threshold = EventFamilies.Threshold,
                door = EventFamilies.DoorOpenTooLong,
                start = report?.StartUnixMs ?? long.MinValue,
                end = report?.EndUnixMs ?? long.MaxValue,
            },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The audit target of a hold (<c>hold/3</c>).</summary>
    /// <param name="id">Hold id.</param>
    /// <returns>The target.</returns>
    public static string HoldTarget(long id) => string.Create(CultureInfo.InvariantCulture, $"hold/{id}");
}
