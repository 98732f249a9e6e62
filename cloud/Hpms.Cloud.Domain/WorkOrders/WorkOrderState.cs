namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>Where a work order is in its life; stored as the snake_case text of <see cref="WorkOrderStateText"/>.</summary>
public enum WorkOrderState
{
    /// <summary>Opened, nobody assigned yet.</summary>
    Created,

    /// <summary>Given to a technician, not yet accepted.</summary>
    Assigned,

    /// <summary>The technician has taken it on (the response).</summary>
    Accepted,

    /// <summary>Work has started on site.</summary>
    InProgress,

    /// <summary>The technician says it is fixed (the resolution).</summary>
    Resolved,

    /// <summary>An engineer or telemetry confirmed the fix.</summary>
    Verified,

    /// <summary>Done.</summary>
    Closed,

    /// <summary>The fix did not hold; waits to be assigned again.</summary>
    Reopened,

    /// <summary>Not needed any more.</summary>
    Cancelled,
}
