namespace Hpms.Cloud.Replenishment;

/// <summary>What the store knows of a cabinet bin: its plan (<c>par_levels</c>) over its telemetry (<c>bin_stock</c>).</summary>
public sealed record BinRecord
{
    /// <summary>Gets the item stocked, if known.</summary>
    public string? ItemId { get; init; }

    /// <summary>Gets the par level, if known.</summary>
    public int? Par { get; init; }

    /// <summary>Gets the reorder point, if known.</summary>
    public int? ReorderPoint { get; init; }

    /// <summary>Gets the last counted stock, if known.</summary>
    public int? OnHand { get; init; }
}
