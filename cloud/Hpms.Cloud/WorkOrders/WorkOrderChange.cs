using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.WorkOrders;

/// <summary>The result of a work-order command.</summary>
/// <param name="Outcome">Done or why not.</param>
/// <param name="From">The state before (null when not found).</param>
/// <param name="To">The state after (the same as before when refused).</param>
/// <param name="Version">The version after.</param>
public sealed record WorkOrderChange(WorkOrderChangeOutcome Outcome, WorkOrderState? From, WorkOrderState? To, int Version)
{
    /// <summary>Gets a value indicating whether the transition happened.</summary>
    public bool IsDone => Outcome == WorkOrderChangeOutcome.Done;
}
