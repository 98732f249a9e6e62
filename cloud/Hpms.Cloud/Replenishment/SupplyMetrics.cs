using Hpms.Cloud.Operations;

namespace Hpms.Cloud.Replenishment;

/// <summary>
/// Counters of the supply side (alarms, order lines, holds, exports), shown on <c>/metrics</c>. Counted
/// when the work is written; a transaction that later rolls back may have been counted (the counters
/// are for rates and trouble, the database is the record).
/// </summary>
public sealed class SupplyMetrics : IMetricsSource
{
    private long _alarmsRaised;
    private long _alarmsCleared;
    private long _linesOpened;
    private long _linesClosed;
    private long _duplicatesSuppressed;
    private long _linesCovered;
    private long _unknownItems;
    private long _holdsPlaced;
    private long _holdsDecided;
    private long _gasLinesOpened;
    private long _exportsSent;
    private long _exportsFailed;
    private long _observerErrors;

    /// <summary>Counts a raised alarm.</summary>
    public void AlarmRaised() => Interlocked.Increment(ref _alarmsRaised);

    /// <summary>Counts a cleared alarm.</summary>
    public void AlarmCleared() => Interlocked.Increment(ref _alarmsCleared);

    /// <summary>Counts an opened order line.</summary>
    public void LineOpened() => Interlocked.Increment(ref _linesOpened);

    /// <summary>Counts closed order lines.</summary>
    /// <param name="count">How many.</param>
    public void LinesClosed(int count) => Interlocked.Add(ref _linesClosed, count);

    /// <summary>Counts an order line not opened because one is open for the cabinet and item.</summary>
    public void DuplicateSuppressed() => Interlocked.Increment(ref _duplicatesSuppressed);

    /// <summary>Counts a breach needing no line: stock plus what is on order reaches par.</summary>
    public void LineCovered() => Interlocked.Increment(ref _linesCovered);

    /// <summary>Counts a line raised for an item the catalogue does not know.</summary>
    public void UnknownItem() => Interlocked.Increment(ref _unknownItems);

    /// <summary>Counts a stock hold placed.</summary>
    public void HoldPlaced() => Interlocked.Increment(ref _holdsPlaced);

    /// <summary>Counts a hold released or discarded.</summary>
    public void HoldDecided() => Interlocked.Increment(ref _holdsDecided);

    /// <summary>Counts a gas delivery line opened.</summary>
    public void GasLineOpened() => Interlocked.Increment(ref _gasLinesOpened);

    /// <summary>Counts an order delivered to a webhook.</summary>
    public void ExportSent() => Interlocked.Increment(ref _exportsSent);

    /// <summary>Counts a failed webhook attempt.</summary>
    public void ExportFailed() => Interlocked.Increment(ref _exportsFailed);

    /// <summary>Counts a telemetry observation that failed (the ingest carries on).</summary>
    public void ObserverError() => Interlocked.Increment(ref _observerErrors);

    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Counter("hpms_cloud_supply_alarms_raised_total", "Alarms raised from events.", Interlocked.Read(ref _alarmsRaised));
        text.Counter("hpms_cloud_supply_alarms_cleared_total", "Alarms cleared by events or people.", Interlocked.Read(ref _alarmsCleared));
        text.Counter("hpms_cloud_supply_order_lines_opened_total", "Replenishment order lines opened.", Interlocked.Read(ref _linesOpened));
        text.Counter("hpms_cloud_supply_order_lines_closed_total", "Order lines closed (stock restored).", Interlocked.Read(ref _linesClosed));
        text.Counter("hpms_cloud_supply_order_lines_duplicate_total", "Order lines not opened because one was open for the cabinet and item.", Interlocked.Read(ref _duplicatesSuppressed));
        text.Counter("hpms_cloud_supply_order_lines_covered_total", "Breaches needing no line (on hand plus on order reaches par).", Interlocked.Read(ref _linesCovered));
        text.Counter("hpms_cloud_supply_order_lines_unknown_item_total", "Lines raised for items missing from the catalogue.", Interlocked.Read(ref _unknownItems));
        text.Counter("hpms_cloud_supply_gas_lines_opened_total", "Gas delivery lines opened.", Interlocked.Read(ref _gasLinesOpened));
        text.Counter("hpms_cloud_supply_holds_placed_total", "Stock holds placed after cold-chain excursions.", Interlocked.Read(ref _holdsPlaced));
        text.Counter("hpms_cloud_supply_holds_decided_total", "Stock holds released or discarded.", Interlocked.Read(ref _holdsDecided));
        text.Counter("hpms_cloud_supply_exports_sent_total", "Orders delivered to a webhook.", Interlocked.Read(ref _exportsSent));
        text.Counter("hpms_cloud_supply_exports_failed_total", "Failed webhook attempts.", Interlocked.Read(ref _exportsFailed));
        text.Counter("hpms_cloud_supply_observer_errors_total", "Telemetry observations of the supply side that failed.", Interlocked.Read(ref _observerErrors));
    }
}
