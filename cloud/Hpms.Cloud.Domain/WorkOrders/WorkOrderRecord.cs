namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>One work order as the KPIs see it; times are Unix ms.</summary>
/// <param name="Id">Work order id.</param>
/// <param name="State">Current state.</param>
/// <param name="Skill">Skill it needed.</param>
/// <param name="Zone">Where it was.</param>
/// <param name="CreatedUnixMs">Created.</param>
/// <param name="ResponseDueUnixMs">Accept by.</param>
/// <param name="ResolutionDueUnixMs">Resolve by.</param>
/// <param name="AcceptedUnixMs">First accepted.</param>
/// <param name="ResolvedUnixMs">Last resolved (cleared on reopen).</param>
/// <param name="ClosedUnixMs">Closed (cleared on reopen).</param>
/// <param name="CancelledUnixMs">Cancelled.</param>
/// <param name="ReopenCount">How often it was reopened.</param>
public sealed record WorkOrderRecord(
    long Id,
    WorkOrderState State,
    string Skill,
    string Zone,
    long CreatedUnixMs,
    long ResponseDueUnixMs,
    long ResolutionDueUnixMs,
    long? AcceptedUnixMs,
    long? ResolvedUnixMs,
    long? ClosedUnixMs,
    long? CancelledUnixMs,
    int ReopenCount);
