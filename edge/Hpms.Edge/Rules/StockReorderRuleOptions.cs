namespace Hpms.Edge.Rules;

/// <summary>
/// Stock at or below the reorder point, per bin: channel <c>{bin}{CountSuffix}</c> against
/// <c>{bin}{ReorderPointSuffix}</c> of the same device (the smart-supply-cabinet map's <c>bin03.count</c> and
/// <c>bin03.reorder-point</c>). Starts when count ≤ reorder point, clears when a restock lifts it above.
/// </summary>
public sealed class StockReorderRuleOptions : RuleOptions
{
    /// <summary>Prefix every bin channel starts with.</summary>
    public string BinPrefix { get; set; } = "bin";

    /// <summary>Suffix of the on-hand count channel.</summary>
    public string CountSuffix { get; set; } = ".count";

    /// <summary>Suffix of the reorder-point channel.</summary>
    public string ReorderPointSuffix { get; set; } = ".reorder-point";
}
