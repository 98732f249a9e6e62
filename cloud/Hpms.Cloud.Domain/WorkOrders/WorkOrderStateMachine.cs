namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>
/// The closed maintenance loop: created → assigned → accepted → in_progress → resolved → verified →
/// closed; resolved, verified or closed work can be reopened (then assigned again); any open state can be
/// cancelled. Assign also re-assigns assigned work. Technicians accept, start and resolve; engineers (and
/// admins) do everything; the system assigns (dispatch) and verifies (telemetry). Whether a technician
/// acts on their own work is the caller's check: it needs the row.
/// </summary>
public static class WorkOrderStateMachine
{
    /// <summary>Decides whether <paramref name="role"/> may take <paramref name="action"/> from <paramref name="from"/>.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="action">The action.</param>
    /// <param name="role">Who acts.</param>
    /// <param name="note">The note or reason given (resolve, reopen and cancel need one).</param>
    /// <param name="technicianId">The technician given (assign needs one).</param>
    /// <returns>The decision.</returns>
    public static TransitionDecision Decide(WorkOrderState from, WorkOrderAction action, WorkOrderRole role, string? note = null, string? technicianId = null)
    {
        if (Target(from, action) is not WorkOrderState to)
        {
            return new(TransitionOutcome.InvalidTransition, from);
        }

        if (!MayAct(role, action))
        {
            return new(TransitionOutcome.Forbidden, from);
        }

        if (NeedsNote(action) && string.IsNullOrWhiteSpace(note))
        {
            return new(TransitionOutcome.NoteRequired, from);
        }

        if (action == WorkOrderAction.Assign && string.IsNullOrWhiteSpace(technicianId))
        {
            return new(TransitionOutcome.TechnicianRequired, from);
        }

        return new(TransitionOutcome.Allowed, to);
    }

    /// <summary>The state an action leads to from a state, or null when it does not apply there.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="action">The action.</param>
    /// <returns>The new state, or null.</returns>
    public static WorkOrderState? Target(WorkOrderState from, WorkOrderAction action) => (action, from) switch
    {
        (WorkOrderAction.Assign, WorkOrderState.Created or WorkOrderState.Reopened or WorkOrderState.Assigned) => WorkOrderState.Assigned,
        (WorkOrderAction.Accept, WorkOrderState.Assigned) => WorkOrderState.Accepted,
        (WorkOrderAction.Start, WorkOrderState.Accepted) => WorkOrderState.InProgress,
        (WorkOrderAction.Resolve, WorkOrderState.InProgress) => WorkOrderState.Resolved,
        (WorkOrderAction.Verify, WorkOrderState.Resolved) => WorkOrderState.Verified,
        (WorkOrderAction.Close, WorkOrderState.Verified) => WorkOrderState.Closed,
        (WorkOrderAction.Reopen, WorkOrderState.Resolved or WorkOrderState.Verified or WorkOrderState.Closed) => WorkOrderState.Reopened,
        (WorkOrderAction.Cancel, _) when WorkOrderStateText.IsOpen(from) => WorkOrderState.Cancelled,
        _ => null,
    };

    /// <summary>Whether a role may take an action at all.</summary>
    /// <param name="role">Who.</param>
    /// <param name="action">What.</param>
    /// <returns>True when permitted.</returns>
    public static bool MayAct(WorkOrderRole role, WorkOrderAction action) => role switch
    {
        WorkOrderRole.Engineer => true,
        WorkOrderRole.Technician => action is WorkOrderAction.Accept or WorkOrderAction.Start or WorkOrderAction.Resolve,
        WorkOrderRole.System => action is WorkOrderAction.Assign or WorkOrderAction.Verify,
        _ => false,
    };

    /// <summary>Whether an action must carry a note (resolve) or reason (reopen, cancel).</summary>
    /// <param name="action">The action.</param>
    /// <returns>True when a note is required.</returns>
    public static bool NeedsNote(WorkOrderAction action) => action is WorkOrderAction.Resolve or WorkOrderAction.Reopen or WorkOrderAction.Cancel;
}
