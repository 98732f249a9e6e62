namespace Hpms.Cloud.Domain.Events;

/// <summary>The rule families the edge emits (first part of an event kind).</summary>
public static class EventFamilies
{
    /// <summary>A value beyond a limit for longer than a delay.</summary>
    public const string Threshold = "threshold";

    /// <summary>A value changing too fast.</summary>
    public const string RateOfChange = "rate-of-change";

    /// <summary>A door held open too long.</summary>
    public const string DoorOpenTooLong = "door-open-too-long";

    /// <summary>A cabinet bin at or below its reorder point.</summary>
    public const string StockBelowReorderPoint = "stock-below-reorder-point";

    /// <summary>A medical gas bank switched to reserve.</summary>
    public const string BankSwitchOver = "bank-switch-over";

    /// <summary>A cold-chain excursion report (readings back in range).</summary>
    public const string ColdChainExcursion = "cold-chain-excursion";
}
