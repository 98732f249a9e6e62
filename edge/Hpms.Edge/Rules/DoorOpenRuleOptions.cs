namespace Hpms.Edge.Rules;

/// <summary>
/// A door held open longer than <see cref="MaxOpen"/>. The channel is a contact (1 = open) or, with
/// <see cref="ValueIsSeconds"/>, a seconds-open counter (0 when closed). The event starts when the door opened.
/// </summary>
public sealed class DoorOpenRuleOptions : RuleOptions
{
    /// <summary>Channel watched (e.g. <c>door.open</c> or <c>door.open-seconds</c>).</summary>
    public string Channel { get; set; } = "";

    /// <summary>Longest allowed opening.</summary>
    public TimeSpan MaxOpen { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when the channel reports seconds open instead of a contact state.</summary>
    public bool ValueIsSeconds { get; set; }
}
