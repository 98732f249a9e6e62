namespace Hpms.Cloud.Ingest;

/// <summary>One cabinet bin's stock as telemetry last reported it (a <c>bin_stock</c> row without its time).</summary>
/// <param name="Bin">Bin number (1-based).</param>
/// <param name="ItemId">Catalogue item code as text (the <c>items.id</c>), or null when not reported or 0.</param>
/// <param name="OnHand">Items on hand.</param>
/// <param name="Par">Par level, when reported.</param>
/// <param name="ReorderPoint">Reorder point, when reported.</param>
/// <param name="Lot">Oldest lot, when reported as text.</param>
/// <param name="ExpiryUnixMs">That lot's expiry (UTC midnight of its yyyymmdd date), when reported and a real date.</param>
public sealed record BinStock(int Bin, string? ItemId, int OnHand, int? Par, int? ReorderPoint, string? Lot, long? ExpiryUnixMs)
{
    /// <summary>This reading with the fields it lacks taken from what was known before.</summary>
    /// <param name="previous">The bin's last known stock, or null.</param>
    /// <returns>The merged stock.</returns>
    public BinStock Over(BinStock? previous) => previous is null
        ? this
        : this with
        {
            ItemId = ItemId ?? previous.ItemId,
            Par = Par ?? previous.Par,
            ReorderPoint = ReorderPoint ?? previous.ReorderPoint,
            Lot = Lot ?? previous.Lot,
            ExpiryUnixMs = ExpiryUnixMs ?? previous.ExpiryUnixMs,
        };
}
