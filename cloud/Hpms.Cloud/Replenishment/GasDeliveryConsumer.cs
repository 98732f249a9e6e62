using System.Data.Common;
using Hpms.Cloud.Domain.Events;
using Hpms.Cloud.Events;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Gas events → delivery lines: a bank switch-over (counter or flag) orders the gas's cylinder bank; the
/// LOX low-level threshold (<c>gas.lox.low</c>) orders a LOX fill. The cleared messages (flag back to
/// primary, level back up) close those lines. Days-to-empty forecasts are <see cref="LoxTrendObserver"/>'s.
/// </summary>
public sealed class GasDeliveryConsumer(GasDelivery gas, OrderBook orders, SupplyMetrics metrics) : IEventConsumer
{
    /// <summary>The edge's LOX low-level rule id.</summary>
    public const string LoxLowRule = "gas.lox.low";

    /// <inheritdoc/>
    public async Task HandleAsync(ReceivedEvent received, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        string? item = ItemOf(received.Kind);
        if (item is null)
        {
            return;
        }

        DeviceEvent e = received.Event;
        if (e.State == EventState.Cleared)
        {
            int closed = await orders.CloseAsync(e.Device.DeviceId, null, item, "delivered", connection, transaction, cancellationToken).ConfigureAwait(false);
            metrics.LinesClosed(closed);
            return;
        }

        int onHand = item == GasDelivery.LoxItem && e.Values.TryGetValue("value", out double level) && double.IsFinite(level) ? (int)Math.Max(0, level) : 0;
        await gas.RaiseAsync(e.Device.DeviceId, e.Device.Zone, item, onHand, e.Id, connection, transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The gas item an event orders, or null when it is not a gas delivery event.</summary>
    /// <param name="kind">The event kind.</param>
    /// <returns>The item or null.</returns>
    public static string? ItemOf(EventKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Family == EventFamilies.BankSwitchOver)
        {
            // Series is the watched channel, e.g. o2.switchover-count or o2.reserve.in-service.
            int dot = kind.Series.IndexOf('.', StringComparison.Ordinal);
            return BankItemOrNull(dot > 0 ? kind.Series[..dot] : kind.Series);
        }

        return kind.Family == EventFamilies.Threshold && kind.RuleId == LoxLowRule ? GasDelivery.LoxItem : null;
    }

    private static string? BankItemOrNull(string gas) => gas.Length == 0 ? null : GasDelivery.BankItem(gas);
}
