namespace Hpms.Cloud.Alarms;

/// <summary>What a person's state change (alarm acknowledge or clear, hold release or discard) did.</summary>
public enum StateChangeStatus
{
    /// <summary>It moved to the asked-for state.</summary>
    Done,

    /// <summary>Nothing has that id.</summary>
    NotFound,

    /// <summary>The current state does not allow the change (e.g. acknowledging a cleared alarm).</summary>
    InvalidTransition,
}
