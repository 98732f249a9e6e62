namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>Zone boundaries in mm/s RMS velocity (10–1000 Hz), ISO 10816-3 table A.1.</summary>
/// <param name="AB">Boundary between zones A and B.</param>
/// <param name="BC">Boundary between zones B and C.</param>
/// <param name="CD">Boundary between zones C and D.</param>
public sealed record VibrationZoneLimits(double AB, double BC, double CD)
{
    /// <summary>The boundaries of a machine class.</summary>
    /// <param name="machineClass">The class.</param>
    /// <returns>Its boundaries.</returns>
    public static VibrationZoneLimits For(VibrationMachineClass machineClass) => machineClass switch
    {
        VibrationMachineClass.Group1Rigid => new(2.3, 4.5, 7.1),
        VibrationMachineClass.Group1Flexible => new(3.5, 7.1, 11.0),
        VibrationMachineClass.Group2Flexible => new(2.3, 4.5, 7.1),
        _ => new(1.4, 2.8, 4.5),
    };

    /// <summary>The zone of a velocity (a boundary value belongs to the higher zone).</summary>
    /// <param name="mmPerS">Velocity, mm/s RMS.</param>
    /// <returns>The zone.</returns>
    public VibrationZone ZoneOf(double mmPerS) => mmPerS >= CD ? VibrationZone.D : mmPerS >= BC ? VibrationZone.C : mmPerS >= AB ? VibrationZone.B : VibrationZone.A;
}
