using System.Globalization;

namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// Judges fan vibration against ISO 10816-3 zones: zone D is a P2 work order, zone C a P3; a trustworthy
/// rising trend that enters zone C within the lead time is a P4 (planned) one.
/// </summary>
public static class VibrationSeverity
{
    /// <summary>Assesses one fan.</summary>
    /// <param name="velocity">Vibration velocity readings (downsampled), mm/s RMS.</param>
    /// <param name="policy">Class and thresholds.</param>
    /// <param name="nowUnixMs">Now.</param>
    /// <returns>The assessment.</returns>
    public static TrendAssessment Assess(IReadOnlyList<TrendPoint> velocity, VibrationPolicy policy, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(velocity);
        ArgumentNullException.ThrowIfNull(policy);
        VibrationZoneLimits limits = VibrationZoneLimits.For(policy.MachineClass);
        LinearTrend trend = LinearTrend.Fit([.. velocity.Where(p => !(p.Value < policy.MinValidMmPerS))]);
        if (trend.Count == 0)
        {
            return new TrendAssessment(trend, null, null);
        }

        VibrationZone zone = limits.ZoneOf(trend.LastValue);
        string figures = string.Create(
            CultureInfo.InvariantCulture,
            $"Fan vibration {Figures.Number(trend.LastValue, 2)} mm/s RMS, zone {zone} ({policy.MachineClass}: A/B {Figures.Number(limits.AB, 1)}, B/C {Figures.Number(limits.BC, 1)}, C/D {Figures.Number(limits.CD, 1)} mm/s)");
        if (zone >= VibrationZone.C)
        {
            string slope = trend.Status == TrendFitStatus.Fitted
                ? string.Create(CultureInfo.InvariantCulture, $"; trend {Figures.Number(trend.SlopePerDay, 3)} mm/s per day ({Figures.Fit(trend)})")
                : string.Empty;
            return new TrendAssessment(trend, null, new MaintenanceFinding(
                MaintenanceCauses.Vibration,
                zone == VibrationZone.D ? "P2" : "P3",
                zone == VibrationZone.D ? "Fan vibration in zone D: damage likely, inspect bearings now" : "Fan vibration in zone C: plan bearing and balance work",
                figures + slope + ".",
                "fan.vibration"));
        }

        if (!policy.Trust.Accepts(trend) || trend.SlopePerHour <= 0 || trend.TimeToReach(limits.BC) is not long crossing)
        {
            return new TrendAssessment(trend, null, null);
        }

        if (crossing - nowUnixMs > policy.LeadTime.TotalMilliseconds)
        {
            return new TrendAssessment(trend, crossing, null);
        }

        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"{figures}; rising {Figures.Number(trend.SlopePerDay, 3)} mm/s per day ({Figures.Fit(trend)}); zone C predicted at {Figures.Time(crossing)} (in {Figures.Hours(nowUnixMs, crossing)} h).");
        return new TrendAssessment(trend, crossing, new MaintenanceFinding(
            MaintenanceCauses.Vibration, "P4", "Fan vibration rising towards zone C: plan bearing and balance work", description, "fan.vibration"));
    }
}
