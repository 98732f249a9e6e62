namespace Hpms.Edge.Rules;

/// <summary>
/// A value changing faster than <see cref="MaxRatePerMinute"/>, measured between the newest reading and the
/// oldest kept reading inside <see cref="Window"/> (at least half a window apart, so one noisy pair cannot
/// trip it). Starts at once, clears when the rate is back within the limit.
/// </summary>
public sealed class RateOfChangeRuleOptions : RuleOptions
{
    /// <summary>Channel watched.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Largest allowed change per minute, in the channel's unit (&gt; 0).</summary>
    public double MaxRatePerMinute { get; set; }

    /// <summary>Which way of change trips the rule.</summary>
    public RateDirection Direction { get; set; } = RateDirection.Either;

    /// <summary>Window the rate is measured over.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
