namespace Hpms.Edge.Rules;

/// <summary>
/// A limit with an on-delay and hysteresis. The alarm starts when every good reading for <see cref="OnDelay"/>
/// breached the limit (one reading back inside restarts the delay); it clears when the readings are back past
/// limit ∓ <see cref="Hysteresis"/> for <see cref="OffDelay"/>. The limit is fixed (<see cref="Limit"/>) or
/// read from another channel of the same device (<see cref="LimitChannel"/>, e.g. a filter's final resistance).
/// </summary>
public sealed class ThresholdRuleOptions : RuleOptions
{
    /// <summary>Channel watched (e.g. <c>temperature</c>).</summary>
    public string Channel { get; set; } = "";

    /// <summary>Fixed limit, in the channel's unit; set this or <see cref="LimitChannel"/>.</summary>
    public double? Limit { get; set; }

    /// <summary>Channel of the same device that carries the limit; set this or <see cref="Limit"/>.</summary>
    public string? LimitChannel { get; set; }

    /// <summary>Which side of the limit is a breach.</summary>
    public ThresholdDirection Direction { get; set; } = ThresholdDirection.Above;

    /// <summary>How long the breach must last before the alarm starts.</summary>
    public TimeSpan OnDelay { get; set; }

    /// <summary>How long the value must stay back past the hysteresis band before the alarm clears.</summary>
    public TimeSpan OffDelay { get; set; }

    /// <summary>Band (channel unit, ≥ 0) the value must pass back through before the alarm clears.</summary>
    public double Hysteresis { get; set; }
}
