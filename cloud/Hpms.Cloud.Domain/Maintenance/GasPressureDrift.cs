using System.Globalization;

namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// A pipeline that loses (or gains) pressure steadily over days while still inside its alarm limits:
/// a slow leak or a creeping regulator that no alarm will report until it is an emergency. A trustworthy
/// drift beyond the limit is a P3 work order; a fall predicted to reach the low limit within the lead
/// time is P2. Outside the limits the panel's alarm owns the condition.
/// </summary>
public static class GasPressureDrift
{
    /// <summary>Assesses one line.</summary>
    /// <param name="pressure">Line pressure readings (downsampled), kPa.</param>
    /// <param name="lowLimitKPa">The panel's low alarm limit, or null for the default.</param>
    /// <param name="highLimitKPa">The panel's high alarm limit, or null for the default.</param>
    /// <param name="policy">Thresholds.</param>
    /// <param name="nowUnixMs">Now.</param>
    /// <returns>The assessment.</returns>
    public static TrendAssessment Assess(IReadOnlyList<TrendPoint> pressure, double? lowLimitKPa, double? highLimitKPa, GasDriftPolicy policy, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(pressure);
        ArgumentNullException.ThrowIfNull(policy);
        double low = lowLimitKPa is double l && double.IsFinite(l) ? l : policy.DefaultLowLimitKPa;
        double high = highLimitKPa is double h && double.IsFinite(h) && h > low ? h : policy.DefaultHighLimitKPa;
        LinearTrend trend = LinearTrend.Fit([.. pressure.Where(p => !(p.Value < policy.MinValidKPa))]);
        if (!policy.Trust.Accepts(trend) || trend.LastValue <= low || trend.LastValue >= high
            || Math.Abs(trend.SlopePerDay) < policy.MaxDriftKPaPerDay)
        {
            return new TrendAssessment(trend, null, null);
        }

        bool falling = trend.SlopePerDay < 0;
        long? crossing = trend.TimeToReach(falling ? low : high);
        bool soon = falling && crossing is long c && c - nowUnixMs <= policy.LeadTime.TotalMilliseconds;
        string prediction = crossing is long at
            ? string.Create(CultureInfo.InvariantCulture, $"; {(falling ? "low" : "high")} limit predicted at {Figures.Time(at)} (in {Figures.Hours(nowUnixMs, at)} h)")
            : string.Empty;
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"O2 line pressure {Figures.Number(trend.LastValue, 1)} kPa (limits {Figures.Number(low, 1)}–{Figures.Number(high, 1)} kPa) drifting {Figures.Number(trend.SlopePerDay, 2)} kPa/day ({Figures.Fit(trend)}), limit {Figures.Number(policy.MaxDriftKPaPerDay, 1)} kPa/day{prediction}.");
        return new TrendAssessment(trend, crossing, new MaintenanceFinding(
            MaintenanceCauses.GasPressureDrift,
            soon ? "P2" : "P3",
            falling ? "O2 line pressure falling within limits: leak suspected" : "O2 line pressure rising within limits: regulator creep suspected",
            description,
            "o2.pressure"));
    }
}
