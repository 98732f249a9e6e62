namespace Hpms.Edge.Rules;

/// <summary>
/// The <c>Rules</c> configuration section: the built-in defaults (<see cref="DefaultRules"/>) plus the site's
/// entries. An entry with the same id and the same selector as an earlier one (a default) replaces it.
/// </summary>
public sealed class RulesOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rules";

    /// <summary>Start from <see cref="DefaultRules"/> (true) or from nothing.</summary>
    public bool IncludeDefaults { get; set; } = true;

    /// <summary>Threshold rules (<c>Rules:Thresholds</c>).</summary>
    public IList<ThresholdRuleOptions> Thresholds { get; } = [];

    /// <summary>Rate-of-change rules (<c>Rules:RatesOfChange</c>).</summary>
    public IList<RateOfChangeRuleOptions> RatesOfChange { get; } = [];

    /// <summary>Door-open-too-long rules (<c>Rules:DoorsOpen</c>).</summary>
    public IList<DoorOpenRuleOptions> DoorsOpen { get; } = [];

    /// <summary>Stock-below-reorder-point rules (<c>Rules:StockReorder</c>).</summary>
    public IList<StockReorderRuleOptions> StockReorder { get; } = [];

    /// <summary>Bank switch-over rules (<c>Rules:SwitchOvers</c>).</summary>
    public IList<SwitchOverRuleOptions> SwitchOvers { get; } = [];

    /// <summary>Cold-chain statistics rules (<c>Rules:ColdChain</c>).</summary>
    public IList<ColdChainRuleOptions> ColdChain { get; } = [];
}
