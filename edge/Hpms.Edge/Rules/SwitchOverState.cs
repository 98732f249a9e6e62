namespace Hpms.Edge.Rules;

/// <summary>State of a switch-over rule: the last counter value (the baseline) or the flag's alarm.</summary>
internal sealed class SwitchOverState : SeriesState
{
    public double? LastCount { get; set; }

    public bool Active { get; set; }

    public string? EventId { get; set; }

    public long StartMs { get; set; }

    public long? LastMs { get; set; }
}
