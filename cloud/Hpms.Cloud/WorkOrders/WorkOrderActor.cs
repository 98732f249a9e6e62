using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.WorkOrders;

/// <summary>Who acts on a work order: the name recorded in transitions and the audit log, their role, and their technician id.</summary>
/// <param name="Name">User or API key name, or <c>system:…</c>.</param>
/// <param name="Role">What the state machine lets them do.</param>
/// <param name="TechnicianId">The technician they are (technicians act only on work assigned to them).</param>
public sealed record WorkOrderActor(string Name, WorkOrderRole Role, string? TechnicianId = null)
{
    /// <summary>Gets the dispatcher.</summary>
    public static WorkOrderActor Dispatch { get; } = new("system:dispatch", WorkOrderRole.System);

    /// <summary>The system acting under a name (e.g. <c>system:telemetry</c>).</summary>
    /// <param name="name">The name recorded.</param>
    /// <returns>The actor.</returns>
    public static WorkOrderActor System(string name) => new(name, WorkOrderRole.System);
}
