namespace Hpms.Cloud.Domain.Alarms;

/// <summary>The states of an alarm (<c>alarms.state</c>): active → acknowledged → cleared, or active → cleared.</summary>
public static class AlarmStates
{
    /// <summary>Raised, nobody has taken it on.</summary>
    public const string Active = "active";

    /// <summary>Someone has seen it and is on it.</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>Over: the condition cleared or a person cleared it.</summary>
    public const string Cleared = "cleared";

    /// <summary>Whether a person may acknowledge an alarm in <paramref name="state"/>.</summary>
    /// <param name="state">Current state.</param>
    /// <returns>True only for active alarms.</returns>
    public static bool CanAcknowledge(string state) => state == Active;

    /// <summary>Whether an alarm in <paramref name="state"/> may be cleared.</summary>
    /// <param name="state">Current state.</param>
    /// <returns>True unless already cleared.</returns>
    public static bool CanClear(string state) => state is Active or Acknowledged;
}
