namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>What SLA escalation needs of one open work order.</summary>
/// <param name="State">Current state.</param>
/// <param name="ResponseDueUnixMs">Accept by then.</param>
/// <param name="ResolutionDueUnixMs">Resolve by then.</param>
/// <param name="AcceptedUnixMs">When first accepted, if ever.</param>
/// <param name="ResolvedUnixMs">When resolved (cleared on reopen), if so.</param>
/// <param name="EscalationLevel">The level reached so far (0 or 1: not escalated).</param>
public sealed record SlaClock(
    WorkOrderState State,
    long ResponseDueUnixMs,
    long ResolutionDueUnixMs,
    long? AcceptedUnixMs,
    long? ResolvedUnixMs,
    int EscalationLevel);
