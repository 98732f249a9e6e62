namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>When fan vibration becomes a work order.</summary>
public sealed class VibrationPolicy
{
    /// <summary>Gets or sets the machine class whose zone boundaries apply.</summary>
    public VibrationMachineClass MachineClass { get; set; } = VibrationMachineClass.Group2Rigid;

    /// <summary>Gets or sets the lowest velocity taken as a reading with the fan running, mm/s.</summary>
    public double MinValidMmPerS { get; set; } = 0.1;

    /// <summary>Gets or sets how far ahead a predicted entry into zone C opens a work order.</summary>
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets the fit a prediction needs.</summary>
    public TrendTrust Trust { get; init; } = new();

    /// <summary>Problems with the settings, each naming its key.</summary>
    /// <param name="prefix">Configuration key prefix.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Validate(string prefix)
    {
        if (!Enum.IsDefined(MachineClass))
        {
            yield return $"{prefix}:MachineClass must be one of {string.Join(", ", Enum.GetNames<VibrationMachineClass>())}.";
        }

        if (!(MinValidMmPerS >= 0))
        {
            yield return $"{prefix}:MinValidMmPerS must be ≥ 0.";
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
