namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>When telemetry proves a filter was changed: ΔP fell well below its value before, for a few readings.</summary>
public sealed class FilterVerificationPolicy
{
    /// <summary>Gets or sets the share of the final resistance ΔP must fall below (0..1).</summary>
    public double BelowFractionOfFinal { get; set; } = 0.5;

    /// <summary>Gets or sets the drop from the value before that also counts, Pa.</summary>
    public double MinDropPa { get; set; } = 100;

    /// <summary>Gets or sets how many of the newest readings after the resolve must all show it.</summary>
    public int Readings { get; set; } = 3;

    /// <summary>Problems with the settings, each naming its key.</summary>
    /// <param name="prefix">Configuration key prefix.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Validate(string prefix)
    {
        if (!(BelowFractionOfFinal > 0 && BelowFractionOfFinal < 1))
        {
            yield return $"{prefix}:BelowFractionOfFinal must be between 0 and 1.";
        }

        if (!(MinDropPa > 0))
        {
            yield return $"{prefix}:MinDropPa must be positive.";
        }

        if (Readings < 1)
        {
            yield return $"{prefix}:Readings must be at least 1.";
        }
    }
}
