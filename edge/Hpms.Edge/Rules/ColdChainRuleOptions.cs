namespace Hpms.Edge.Rules;

/// <summary>
/// Cold-chain statistics of one temperature channel (min, max, time out of range, MKT) and an excursion
/// report each time the readings come back into [<see cref="LowC"/>, <see cref="HighC"/>]. Time is
/// sample-and-hold: each reading stands until the next one, unless they are more than
/// <see cref="MaxSampleGap"/> apart (then the gap counts nowhere).
/// </summary>
public sealed class ColdChainRuleOptions : RuleOptions
{
    /// <summary>Temperature channel (°C).</summary>
    public string Channel { get; set; } = "temperature";

    /// <summary>Lower end of the storage range.</summary>
    public double LowC { get; set; } = 2;

    /// <summary>Upper end of the storage range.</summary>
    public double HighC { get; set; } = 8;

    /// <summary>Longest interval one reading may stand for.</summary>
    public TimeSpan MaxSampleGap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Excursions shorter than this (time out of range) are counted in the statistics but not reported.</summary>
    public TimeSpan MinReportedExcursion { get; set; }
}
