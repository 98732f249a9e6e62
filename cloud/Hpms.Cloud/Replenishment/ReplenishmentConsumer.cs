using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Hpms.Cloud.Domain.Events;
using Hpms.Cloud.Domain.Replenishment;
using Hpms.Cloud.Events;
using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// A cabinet bin at or below its reorder point → an order line for par − on hand − on order in whole
/// packs, on the open order of the item's supplier and the cabinet's storeroom; the bin restocked (the
/// event's cleared message) → the line closes. An item the catalogue lacks is still ordered, from the
/// default supplier, and flagged.
/// </summary>
public sealed class ReplenishmentConsumer(
    SupplyCatalog catalog, OrderBook orders, OpenLineTracker tracker, SupplyMetrics metrics, IOptions<SupplyOptions> options, TimeProvider clock) : IEventConsumer
{
    private readonly SupplyOptions _options = options.Value;

    /// <inheritdoc/>
    public async Task HandleAsync(ReceivedEvent received, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (received.Kind.Family != EventFamilies.StockBelowReorderPoint || received.Kind.Bin() is not int bin)
        {
            return;
        }

        DeviceEvent e = received.Event;
        string cabinet = e.Device.DeviceId;
        if (e.State == EventState.Cleared)
        {
            int closed = await orders.CloseAsync(cabinet, bin, null, "restocked", connection, transaction, cancellationToken).ConfigureAwait(false);
            metrics.LinesClosed(closed);
            tracker.Forget(cabinet, bin);
            return;
        }

        await OpenLineAsync(received, bin, connection, transaction, cancellationToken).ConfigureAwait(false);
    }

    private async Task OpenLineAsync(ReceivedEvent received, int bin, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        DeviceEvent e = received.Event;
        string cabinet = e.Device.DeviceId;
        BinRecord record = await catalog.BinAsync(cabinet, bin, connection, transaction, cancellationToken).ConfigureAwait(false);
        string itemId = record.ItemId ?? string.Create(CultureInfo.InvariantCulture, $"unknown:{cabinet}:bin{bin:00}");
        CatalogItem? item = await SupplyCatalog.ItemAsync(itemId, connection, transaction, cancellationToken).ConfigureAwait(false);
        int onHand = e.Values.TryGetValue("value", out double count) && double.IsFinite(count) ? (int)Math.Max(0, count) : record.OnHand ?? 0;
        int? reorderPoint = record.ReorderPoint ?? (e.Values.TryGetValue("limit", out double limit) && double.IsFinite(limit) ? (int)limit : null);

        // No par anywhere: order back up to one above the reorder point (at least a pack), rather than lose the breach.
        int par = record.Par ?? (reorderPoint ?? onHand) + 1;
        int packSize = item?.PackSize ?? Math.Max(1, _options.DefaultPackSize);
        int onOrder = await SupplyCatalog.OnOrderAsync(cabinet, itemId, connection, transaction, cancellationToken).ConfigureAwait(false);
        int quantity = ReplenishmentQuantity.Compute(par, onHand, onOrder, packSize);
        if (quantity == 0)
        {
            metrics.LineCovered();
            return;
        }

        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        IReadOnlyList<StockLot> nearExpiry = item is null
            ? []
            : NearExpiry.Select(await SupplyCatalog.LotsAsync(cabinet, itemId, connection, transaction, cancellationToken).ConfigureAwait(false), now, item.NearExpiryDays);
        string? storeroom = await SupplyCatalog.StoreroomAsync(cabinet, connection, transaction, cancellationToken).ConfigureAwait(false);
        OrderGroup group = OrderGroup.For(OrderKinds.Replenishment, item?.SupplierId ?? _options.DefaultSupplierId, storeroom, e.Device.Zone);
        var line = new NewOrderLine(cabinet, bin, itemId, quantity, onHand, par, onOrder, packSize, e.Id, nearExpiry.Count > 0, LotsJson(nearExpiry), item is null);
        long? lineId = await orders.AddLineAsync(group, line, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (lineId is null)
        {
            metrics.DuplicateSuppressed();
            return;
        }

        metrics.LineOpened();
        if (item is null)
        {
            metrics.UnknownItem();
        }

        tracker.Track(cabinet, bin, reorderPoint);
    }

    /// <summary>Lots as stored on a line (<c>[{"bin":3,"lot":"L1","expiry_ms":…}]</c>), or null for none.</summary>
    /// <param name="lots">The lots.</param>
    /// <returns>JSON or null.</returns>
    public static string? LotsJson(IReadOnlyList<StockLot> lots)
    {
        ArgumentNullException.ThrowIfNull(lots);
        return lots.Count == 0 ? null : JsonSerializer.Serialize(lots.Select(l => new Dictionary<string, object?>
        {
            ["bin"] = l.Bin,
            ["lot"] = l.Lot,
            ["expiry_ms"] = l.ExpiryUnixMs,
        }));
    }
}
