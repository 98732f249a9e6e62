namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>The fan's running-hours service interval (belts, bearings, lubrication).</summary>
public sealed class ServicePolicy
{
    /// <summary>Gets or sets the service interval, running hours.</summary>
    public double IntervalHours { get; set; } = 4000;

    /// <summary>Gets or sets how many running hours before the interval the work order opens.</summary>
    public double DueWithinHours { get; set; } = 168;

    /// <summary>Problems with the settings, each naming its key.</summary>
    /// <param name="prefix">Configuration key prefix.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Validate(string prefix)
    {
        if (!(IntervalHours > 0))
        {
            yield return $"{prefix}:IntervalHours must be positive.";
        }

        if (!(DueWithinHours >= 0 && DueWithinHours < IntervalHours))
        {
            yield return $"{prefix}:DueWithinHours must be ≥ 0 and below IntervalHours.";
        }
    }
}
