using Hpms.Edge.Rules;

namespace Hpms.Demo.Composition;

/// <summary>
/// The edge's default rules for a simulation that runs <c>speed</c> times faster than the wall clock: the
/// edge times its rules by the wall clock, so a 5-minute door limit becomes 5 s at ×60 and a rate per minute
/// grows 60-fold — the same rule in simulated time.
/// </summary>
public static class RuleTimeScale
{
    /// <summary>The default rules scaled to the speed.</summary>
    /// <param name="speed">Simulated seconds per wall second (≥ 1 scales down; below 1 leaves them).</param>
    /// <returns>Rules with <c>IncludeDefaults</c> off (they are the defaults, scaled).</returns>
    public static RulesOptions ScaledDefaults(double speed)
    {
        RulesOptions rules = DefaultRules.Create();
        double factor = Math.Max(speed, 1);
        foreach (ThresholdRuleOptions rule in rules.Thresholds)
        {
            rule.OnDelay /= factor;
            rule.OffDelay /= factor;
        }

        foreach (DoorOpenRuleOptions rule in rules.DoorsOpen)
        {
            rule.MaxOpen /= factor;
        }

        foreach (RateOfChangeRuleOptions rule in rules.RatesOfChange)
        {
            rule.Window /= factor;
            rule.MaxRatePerMinute *= factor;
        }

        foreach (ColdChainRuleOptions rule in rules.ColdChain)
        {
            rule.MinReportedExcursion /= factor;
        }

        return rules;
    }
}
