namespace Hpms.Cloud.WorkOrders;

/// <summary>What came of a work-order command.</summary>
public enum WorkOrderChangeOutcome
{
    /// <summary>The transition happened.</summary>
    Done,

    /// <summary>No such work order.</summary>
    NotFound,

    /// <summary>The action does not apply in the current state.</summary>
    InvalidTransition,

    /// <summary>The actor's role may not take the action.</summary>
    Forbidden,

    /// <summary>A technician acted on work not assigned to them.</summary>
    NotAssignedToActor,

    /// <summary>A note or reason is required.</summary>
    NoteRequired,

    /// <summary>Assign needs a known, active technician.</summary>
    UnknownTechnician,

    /// <summary>Someone changed it meanwhile (version moved), or reopening would make a second open work order for the asset and cause.</summary>
    Conflict,
}
