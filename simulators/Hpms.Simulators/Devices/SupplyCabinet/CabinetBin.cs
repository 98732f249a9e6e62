namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>One bin of a supply cabinet: what it stocks, its levels and its live state.</summary>
public sealed class CabinetBin
{
    /// <summary>Creates a bin.</summary>
    /// <param name="number">Bin number (1-based).</param>
    /// <param name="stock">What the bin stocks and its levels at the start.</param>
    public CabinetBin(int number, CabinetBinStock stock)
    {
        ArgumentNullException.ThrowIfNull(stock);
        Number = number;
        ItemCode = stock.ItemCode;
        Name = stock.Name;
        Par = stock.Par;
        ReorderPoint = stock.ReorderPoint;
        OnHand = stock.OnHand;
        Lot = stock.Lot;
        Expiry = stock.Expiry;
        Pack = stock.Pack;
        DailyUse = stock.DailyUse;
    }

    /// <summary>Gets the bin number (1-based).</summary>
    public int Number { get; }

    /// <summary>Gets the catalogue item code (0 for an unused bin).</summary>
    public uint ItemCode { get; }

    /// <summary>Gets the item's name (for logs and documentation only).</summary>
    public string Name { get; }

    /// <summary>Gets the par level (a restock refills to it); clients may write it.</summary>
    public int Par { get; internal set; }

    /// <summary>Gets the reorder point; clients may write it.</summary>
    public int ReorderPoint { get; internal set; }

    /// <summary>Gets the items on hand.</summary>
    public int OnHand { get; internal set; }

    /// <summary>Gets the lot of the oldest items (up to 8 ASCII characters).</summary>
    public string Lot { get; }

    /// <summary>Gets that lot's expiry as yyyymmdd.</summary>
    public int Expiry { get; }

    /// <summary>Gets the pieces taken per picked unit (a box of gloves counts as its pieces).</summary>
    public int Pack { get; }

    /// <summary>Gets the pieces a weekday consumes on average.</summary>
    public double DailyUse { get; }

    /// <summary>Gets a value indicating whether the pick-to-light LED is lit.</summary>
    public bool Light => LightUntil is not null;

    /// <summary>Gets or sets when the LED goes out by itself; null when dark.</summary>
    internal DateTimeOffset? LightUntil { get; set; }

    /// <summary>Gets or sets when the count went to or below the reorder point; null while above.</summary>
    internal DateTimeOffset? LowSince { get; set; }
}
