namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// When a filter's rising ΔP becomes a work order. The default final resistance (450 Pa) is the AHU
/// register map's and the simulator's default, used when the unit does not report
/// <c>filter.final-resistance</c>.
/// </summary>
public sealed class FilterPolicy
{
    /// <summary>Gets or sets the final resistance used when the unit reports none, Pa.</summary>
    public double DefaultFinalResistancePa { get; set; } = 450;

    /// <summary>Gets or sets the lowest ΔP taken as a reading with the fan running (ΔP goes with airflow², so a stopped fan reads ≈ 0), Pa.</summary>
    public double MinValidPa { get; set; } = 20;

    /// <summary>Gets or sets how far ahead a predicted crossing opens a work order.</summary>
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets the fit a prediction needs.</summary>
    public TrendTrust Trust { get; init; } = new();

    /// <summary>Gets the priority by how soon the crossing comes.</summary>
    public Urgency Urgency { get; init; } = new();

    /// <summary>Problems with the settings, each naming its key.</summary>
    /// <param name="prefix">Configuration key prefix.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Validate(string prefix)
    {
        if (!(DefaultFinalResistancePa > 0))
        {
            yield return $"{prefix}:DefaultFinalResistancePa must be positive.";
        }

        if (!(MinValidPa >= 0 && MinValidPa < DefaultFinalResistancePa))
        {
            yield return $"{prefix}:MinValidPa must be ≥ 0 and below DefaultFinalResistancePa.";
        }

        if (LeadTime <= TimeSpan.Zero)
        {
            yield return $"{prefix}:LeadTime must be positive.";
        }

        foreach (string e in Trust.Validate(prefix + ":Trust").Concat(Urgency.Validate(prefix + ":Urgency")))
        {
            yield return e;
        }
    }
}
