using Hpms.Simulators.Time;

namespace Hpms.Simulators.Devices.Occupancy;

/// <summary>
/// How people use one kind of area: which part of the hospital's flow drives it, how long a person
/// stays and how full it is at a weekday's average activity.
/// </summary>
/// <param name="Name">Area type as scenarios spell it.</param>
/// <param name="OutpatientShare">Share of the area's traffic that follows outpatient clinics (the rest follows wards).</param>
/// <param name="MeanStay">Average time a person stays.</param>
/// <param name="MeanFill">Share of capacity occupied at a weekday's average activity.</param>
public sealed record OccupancyArea(string Name, double OutpatientShare, TimeSpan MeanStay, double MeanFill)
{
    /// <summary>Gets the known area types.</summary>
    public static IReadOnlyList<OccupancyArea> All { get; } =
    [
        new("outpatient", 1.0, TimeSpan.FromMinutes(45), 0.30),
        new("ward", 0.0, TimeSpan.FromMinutes(90), 0.50),
        new("emergency", 0.2, TimeSpan.FromMinutes(150), 0.50),
        new("staff", 0.5, TimeSpan.FromMinutes(30), 0.25),
    ];

    /// <summary>The area's own flow profile, keeping the hospital's weekend factors.</summary>
    /// <param name="hospital">The hospital's profile.</param>
    /// <returns>A profile weighted for this area.</returns>
    public HospitalFlowProfile Profile(HospitalFlowProfile hospital)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        return new HospitalFlowProfile(OutpatientShare, hospital.SaturdayOutpatient, hospital.SundayOutpatient);
    }
}
