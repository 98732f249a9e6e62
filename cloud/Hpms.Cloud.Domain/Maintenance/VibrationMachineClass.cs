namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>Machine groups and foundations of ISO 10816-3 (§ 5, table A.1), which set the zone boundaries.</summary>
public enum VibrationMachineClass
{
    /// <summary>Group 2 (15–300 kW), rigid foundation: typical AHU supply fans.</summary>
    Group2Rigid,

    /// <summary>Group 2 (15–300 kW), flexible foundation (anti-vibration mounts).</summary>
    Group2Flexible,

    /// <summary>Group 1 (300 kW–50 MW), rigid foundation.</summary>
    Group1Rigid,

    /// <summary>Group 1 (300 kW–50 MW), flexible foundation.</summary>
    Group1Flexible,
}
