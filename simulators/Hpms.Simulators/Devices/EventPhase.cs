namespace Hpms.Simulators.Devices;

/// <summary>Whether a scenario event begins or, for one with a duration, ends.</summary>
public enum EventPhase
{
    /// <summary>The event begins.</summary>
    Start,

    /// <summary>The event's duration is over.</summary>
    End,
}
