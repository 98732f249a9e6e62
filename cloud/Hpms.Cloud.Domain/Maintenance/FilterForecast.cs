using System.Globalization;

namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// Extrapolates a filter's ΔP to its final resistance. A work order is due when the line predicts the
/// crossing within the lead time and the fit is trustworthy, or at once when ΔP is already at the limit.
/// A clogging filter's ΔP grows roughly exponentially, so a straight line through a recent window
/// predicts the crossing somewhat late: the lead time absorbs that.
/// </summary>
public static class FilterForecast
{
    /// <summary>Assesses one unit.</summary>
    /// <param name="differentialPressure">ΔP readings (downsampled), Pa.</param>
    /// <param name="finalResistancePa">The unit's final resistance, or null/NaN for the policy's default.</param>
    /// <param name="policy">Thresholds.</param>
    /// <param name="nowUnixMs">Now.</param>
    /// <returns>The assessment.</returns>
    public static TrendAssessment Assess(IReadOnlyList<TrendPoint> differentialPressure, double? finalResistancePa, FilterPolicy policy, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(differentialPressure);
        ArgumentNullException.ThrowIfNull(policy);
        double final = finalResistancePa is double f && double.IsFinite(f) && f > 0 ? f : policy.DefaultFinalResistancePa;
        List<TrendPoint> running = [.. differentialPressure.Where(p => !(p.Value < policy.MinValidPa))];
        LinearTrend trend = LinearTrend.Fit(running);
        if (trend.Count == 0)
        {
            return new TrendAssessment(trend, null, null);
        }

        if (trend.LastValue >= final)
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"Filter ΔP {Figures.Number(trend.LastValue, 0)} Pa has reached the final resistance {Figures.Number(final, 0)} Pa; change the filter.");
            return new TrendAssessment(trend, trend.LastTimeUnixMs, new MaintenanceFinding(
                MaintenanceCauses.FilterClogging, "P2", "Filter at final resistance: change the filter", at, "filter.differential-pressure"));
        }

        if (!policy.Trust.Accepts(trend) || trend.SlopePerHour <= 0 || trend.TimeToReach(final) is not long crossing)
        {
            return new TrendAssessment(trend, null, null);
        }

        TimeSpan until = TimeSpan.FromMilliseconds(Math.Max(0, crossing - nowUnixMs));
        if (until > policy.LeadTime)
        {
            return new TrendAssessment(trend, crossing, null);
        }

        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"Filter ΔP {Figures.Number(trend.LastValue, 0)} Pa rising {Figures.Number(trend.SlopePerHour, 2)} Pa/h ({Figures.Fit(trend)}); final resistance {Figures.Number(final, 0)} Pa predicted at {Figures.Time(crossing)} (in {Figures.Hours(nowUnixMs, crossing)} h).");
        return new TrendAssessment(trend, crossing, new MaintenanceFinding(
            MaintenanceCauses.FilterClogging, policy.Urgency.PriorityFor(until), "Filter clogging: change the filter before it reaches its final resistance", description, "filter.differential-pressure"));
    }
}
