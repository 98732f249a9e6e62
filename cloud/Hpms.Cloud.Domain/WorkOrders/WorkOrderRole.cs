namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>Who acts on a work order, as far as its state machine cares.</summary>
public enum WorkOrderRole
{
    /// <summary>Field technician: accept, start and resolve their own work.</summary>
    Technician,

    /// <summary>Engineer or administrator: every action, on any work order.</summary>
    Engineer,

    /// <summary>The cloud itself: dispatch (assign) and telemetry verification.</summary>
    System,
}
