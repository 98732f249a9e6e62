using System.Globalization;

namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// Verifies a resolved filter change from ΔP: each of the newest readings after the resolve must be
/// at least a set drop below the highest value before, or below a share of the final resistance and a fifth
/// below the value before (so a work order raised while ΔP was still low cannot verify itself).
/// Readings with the fan stopped (below the filter policy's minimum) prove nothing and are ignored.
/// </summary>
public static class FilterChangeCheck
{
    /// <summary>Share of the level before the resolve by which ΔP must also have fallen when judged by the share of final resistance.</summary>
    public const double FellFraction = 0.2;

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
        // Below the share alone is not enough: a work order raised early (ΔP still under the share) would
        // verify itself before anyone touched the filter. The level must also have fallen from before.
        bool fellFromBefore = before is not double bb || bb - highest >= bb * FellFraction;
        return new FilterChangeVerdict(dropped || (belowShare && fellFromBefore), evidence);
    }
}
