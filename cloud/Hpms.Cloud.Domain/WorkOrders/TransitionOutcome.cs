namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>Why a transition is allowed or refused.</summary>
public enum TransitionOutcome
{
    /// <summary>Allowed.</summary>
    Allowed,

    /// <summary>The action does not apply in the current state.</summary>
    InvalidTransition,

    /// <summary>The role may not take this action.</summary>
    Forbidden,

    /// <summary>The action needs a note or reason and none was given.</summary>
    NoteRequired,

    /// <summary>Assign needs a technician and none was given.</summary>
    TechnicianRequired,
}
