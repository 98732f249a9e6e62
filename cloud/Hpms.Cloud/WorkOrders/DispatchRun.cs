namespace Hpms.Cloud.WorkOrders;

/// <summary>What one dispatch and escalation run did.</summary>
/// <param name="Assigned">Work orders assigned.</param>
/// <param name="Unassignable">Work orders nobody could take.</param>
/// <param name="Escalated">Work orders that rose an escalation level.</param>
public sealed record DispatchRun(int Assigned, int Unassignable, int Escalated);
