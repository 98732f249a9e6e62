using System.Globalization;

namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// Verifies a resolved filter change from ΔP: each of the newest readings after the resolve must be
/// below a share of the final resistance, or at least a set drop below the highest value before.
/// Readings with the fan stopped (below the filter policy's minimum) prove nothing and are ignored.
/// </summary>
public static class FilterChangeCheck
{
    /// <summary>Checks one resolved work order.</summary>
    /// <param name="beforePa">The highest ΔP while the work order was open, or null when unknown.</param>
    /// <param name="after">ΔP readings after the resolve, Pa.</param>
    /// <param name="finalResistancePa">The unit's final resistance.</param>
    /// <param name="minValidPa">Lowest ΔP taken as a reading with the fan running.</param>
    /// <param name="policy">Thresholds.</param>
    /// <returns>The verdict.</returns>
    public static FilterChangeVerdict Assess(double? beforePa, IReadOnlyList<TrendPoint> after, double finalResistancePa, double minValidPa, FilterVerificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(policy);
        TrendPoint[] newest = [.. after.Where(p => double.IsFinite(p.Value) && p.Value >= minValidPa).OrderByDescending(p => p.TimeUnixMs).Take(policy.Readings)];
        double below = finalResistancePa * policy.BelowFractionOfFinal;
        double? before = beforePa is double b && double.IsFinite(b) ? b : null;
        string beforeText = before is double v ? Figures.Number(v, 0) + " Pa" : "unknown";
        if (newest.Length < policy.Readings)
        {
            return new FilterChangeVerdict(false, string.Create(CultureInfo.InvariantCulture, $"{newest.Length} of {policy.Readings} readings after the resolve."));
        }

        double highest = newest.Max(p => p.Value);
        bool belowShare = highest < below;
        bool dropped = before is double bp && bp - highest >= policy.MinDropPa;
        string evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"Filter ΔP before {beforeText}, after the change {string.Join(", ", Enumerable.Reverse(newest).Select(p => Figures.Number(p.Value, 0)))} Pa ({newest.Length} readings up to {Figures.Time(newest[0].TimeUnixMs)}); final resistance {Figures.Number(finalResistancePa, 0)} Pa, verified below {Figures.Number(below, 0)} Pa or a drop of {Figures.Number(policy.MinDropPa, 0)} Pa.");
        return new FilterChangeVerdict(belowShare || dropped, evidence);
    }
}
