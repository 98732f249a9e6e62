namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>What someone does to a work order; each moves it along <see cref="WorkOrderStateMachine"/>.</summary>
public enum WorkOrderAction
{
    /// <summary>Give it to a technician (needs the technician).</summary>
    Assign,

    /// <summary>The technician takes it on.</summary>
    Accept,

    /// <summary>Work starts on site.</summary>
    Start,

    /// <summary>The technician reports the fix (needs a note).</summary>
    Resolve,

    /// <summary>The fix is confirmed.</summary>
    Verify,

    /// <summary>Done.</summary>
    Close,

    /// <summary>The fix did not hold (needs a reason).</summary>
    Reopen,

    /// <summary>Not needed (needs a reason).</summary>
    Cancel,
}
