namespace Hpms.Simulators.Time;

/// <summary>
/// How busy the hospital is at a local time, relative to a weekday's average (1.0). Outpatient
/// clinics give a double peak (07–10 and 14–16) on weekdays, a smaller morning on Saturdays and
/// almost nothing on Sundays; wards and the emergency department give a base load around the clock,
/// lowest before dawn. Consumption, occupancy and gas flow all follow it.
/// </summary>
public sealed class HospitalFlowProfile
{
    // Relative outpatient activity per local hour on a weekday (hour 0..23).
    private static readonly double[] s_outpatientWeekday =
    [
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 1.6, 2.6, 2.8, 2.2, 1.2,
        0.6, 1.0, 2.2, 2.4, 1.6, 0.6, 0.2, 0.1, 0.0, 0.0, 0.0, 0.0,
    ];

    // Relative inpatient/emergency activity per local hour (rounds, meals, night quiet).
    private static readonly double[] s_inpatient =
    [
        0.45, 0.4, 0.35, 0.35, 0.4, 0.5, 0.8, 1.1, 1.3, 1.3, 1.25, 1.2,
        1.1, 1.1, 1.2, 1.2, 1.15, 1.1, 1.0, 0.95, 0.85, 0.7, 0.6, 0.5,
    ];

    private readonly double _outpatientShare;
    private readonly double _norm;

    /// <summary>Creates a profile.</summary>
    /// <param name="outpatientShare">Share of a weekday's activity that is outpatient (0..1).</param>
    /// <param name="saturdayOutpatient">Saturday outpatient activity relative to a weekday.</param>
    /// <param name="sundayOutpatient">Sunday outpatient activity relative to a weekday.</param>
    public HospitalFlowProfile(double outpatientShare = 0.5, double saturdayOutpatient = 0.35, double sundayOutpatient = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outpatientShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outpatientShare, 1.0);
        _outpatientShare = outpatientShare;
        SaturdayOutpatient = saturdayOutpatient;
        SundayOutpatient = sundayOutpatient;
        _norm = 0;
        for (int h = 0; h < 24; h++)
        {
            _norm += Raw(h, 1.0);
        }

        _norm /= 24;
    }

    /// <summary>Gets Saturday's outpatient activity relative to a weekday.</summary>
    public double SaturdayOutpatient { get; }

    /// <summary>Gets Sunday's outpatient activity relative to a weekday.</summary>
    public double SundayOutpatient { get; }

    /// <summary>Relative activity at a local time; a weekday's mean is 1.0. Interpolated within the hour.</summary>
    /// <param name="localTime">Time with the hospital's offset.</param>
    /// <returns>The multiplier (≥ 0).</returns>
    public double Rate(DateTimeOffset localTime)
    {
        double day = localTime.DayOfWeek switch
        {
            DayOfWeek.Saturday => SaturdayOutpatient,
            DayOfWeek.Sunday => SundayOutpatient,
            _ => 1.0,
        };
        double hour = localTime.TimeOfDay.TotalHours;
        int h0 = (int)hour % 24;
        int h1 = (h0 + 1) % 24;
        double f = hour - Math.Floor(hour);
        return ((Raw(h0, day) * (1 - f)) + (Raw(h1, day) * f)) / _norm;
    }

    private double Raw(int hour, double outpatientDayFactor) =>
        (_outpatientShare * s_outpatientWeekday[hour] * outpatientDayFactor) + ((1 - _outpatientShare) * s_inpatient[hour]);
}
