namespace Hpms.Protocols.Envelopes;

/// <summary>Whether an event's condition still holds.</summary>
public enum EventState
{
    /// <summary>The condition holds (JSON <c>active</c>).</summary>
    Active,

    /// <summary>The condition has ended (JSON <c>cleared</c>).</summary>
    Cleared,

    /// <summary>A one-off happening with no duration (a bank switch-over): never cleared.</summary>
    Momentary,
}
