namespace Hpms.Edge.Rules;

/// <summary>Which rule family raised an event.</summary>
public enum RuleEventKind
{
    /// <summary>A value above or below a limit for longer than the on-delay.</summary>
    Threshold,

    /// <summary>A value changing faster than allowed over a window.</summary>
    RateOfChange,

    /// <summary>A door held open longer than allowed.</summary>
    DoorOpenTooLong,

    /// <summary>A bin's count at or below its reorder point.</summary>
    StockBelowReorderPoint,

    /// <summary>A gas manifold switched from its primary to its reserve bank.</summary>
    BankSwitchOver,

    /// <summary>A finished cold-chain excursion, with its report.</summary>
    ColdChainExcursion,
}
