namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// When a gas line's slow pressure drift, still inside its alarm limits, becomes a leak-suspicion work
/// order. Default limits are the O2 line's nominal 362 kPa ± 20 % (the panel's own limit registers win).
/// </summary>
public sealed class GasDriftPolicy
{
    /// <summary>Gets or sets the drift (either direction) that opens a work order, kPa per day.</summary>
    public double MaxDriftKPaPerDay { get; set; } = 5;

    /// <summary>Gets or sets the low alarm limit used when the panel reports none, kPa.</summary>
    public double DefaultLowLimitKPa { get; set; } = 289.6;

    /// <summary>Gets or sets the high alarm limit used when the panel reports none, kPa.</summary>
    public double DefaultHighLimitKPa { get; set; } = 434.4;

    /// <summary>Gets or sets the lowest pressure taken as a supplied line (below: the line is down, an alarm's business), kPa.</summary>
    public double MinValidKPa { get; set; } = 50;

    /// <summary>Gets or sets how far ahead a falling line predicted to reach its low limit makes the work order P2.</summary>
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets the fit a drift needs.</summary>
    public TrendTrust Trust { get; init; } = new() { MinPoints = 24, MinRSquared = 0.5 };

    /// <summary>Problems with the settings, each naming its key.</summary>
    /// <param name="prefix">Configuration key prefix.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Validate(string prefix)
    {
        if (!(MaxDriftKPaPerDay > 0))
        {
            yield return $"{prefix}:MaxDriftKPaPerDay must be positive.";
        }

        if (!(DefaultLowLimitKPa < DefaultHighLimitKPa))
        {
            yield return $"{prefix}:DefaultLowLimitKPa must be below DefaultHighLimitKPa.";
        }

        if (!(MinValidKPa >= 0))
        {
            yield return $"{prefix}:MinValidKPa must be ≥ 0.";
        }

        if (LeadTime <= TimeSpan.Zero)
        {
            yield return $"{prefix}:LeadTime must be positive.";
        }

        foreach (string e in Trust.Validate(prefix + ":Trust"))
        {
            yield return e;
        }
    }
}
