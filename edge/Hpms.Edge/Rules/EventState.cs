namespace Hpms.Edge.Rules;

/// <summary>Where an event is in its life. An alarm is published twice under one id: active, then cleared.</summary>
public enum EventState
{
    /// <summary>The condition holds (published when it starts).</summary>
    Active,

    /// <summary>The condition ended; <see cref="RuleEvent.ClearUnixMs"/> says when.</summary>
    Cleared,

    /// <summary>A happening without duration (a switch-over counter step): published once, never cleared.</summary>
    Momentary,
}
