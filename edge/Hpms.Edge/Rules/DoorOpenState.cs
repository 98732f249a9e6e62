namespace Hpms.Edge.Rules;

/// <summary>State of a door-open rule.</summary>
internal sealed class DoorOpenState : SeriesState
{
    public long? OpenSinceMs { get; set; }

    public bool Active { get; set; }

    public string? EventId { get; set; }

    public long? LastMs { get; set; }
}
