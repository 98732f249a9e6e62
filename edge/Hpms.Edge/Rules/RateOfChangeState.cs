namespace Hpms.Edge.Rules;

/// <summary>State of a rate-of-change rule: at most <see cref="MaxAnchors"/> readings spaced a sixteenth of the window apart.</summary>
internal sealed class RateOfChangeState : SeriesState
{
    public const int MaxAnchors = 17;

    public List<RateAnchor> Anchors { get; set; } = [];

    public bool Active { get; set; }

    public string? EventId { get; set; }

    public long StartMs { get; set; }

    public double PeakRate { get; set; }

    public long? LastMs { get; set; }
}
