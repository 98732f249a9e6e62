using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.Tests.WorkOrders;

public sealed class WorkOrderStateMachineTests
{
    // Every allowed (from, action) → to; every other pair is refused (checked exhaustively below).
    private static readonly Dictionary<(WorkOrderState, WorkOrderAction), WorkOrderState> s_allowed = new()
    {
        [(WorkOrderState.Created, WorkOrderAction.Assign)] = WorkOrderState.Assigned,
        [(WorkOrderState.Reopened, WorkOrderAction.Assign)] = WorkOrderState.Assigned,
        [(WorkOrderState.Assigned, WorkOrderAction.Assign)] = WorkOrderState.Assigned,
        [(WorkOrderState.Assigned, WorkOrderAction.Accept)] = WorkOrderState.Accepted,
        [(WorkOrderState.Accepted, WorkOrderAction.Start)] = WorkOrderState.InProgress,
        [(WorkOrderState.InProgress, WorkOrderAction.Resolve)] = WorkOrderState.Resolved,
        [(WorkOrderState.Resolved, WorkOrderAction.Verify)] = WorkOrderState.Verified,
        [(WorkOrderState.Verified, WorkOrderAction.Close)] = WorkOrderState.Closed,
        [(WorkOrderState.Resolved, WorkOrderAction.Reopen)] = WorkOrderState.Reopened,
        [(WorkOrderState.Verified, WorkOrderAction.Reopen)] = WorkOrderState.Reopened,
        [(WorkOrderState.Closed, WorkOrderAction.Reopen)] = WorkOrderState.Reopened,
        [(WorkOrderState.Created, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,
        [(WorkOrderState.Assigned, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,
        [(WorkOrderState.Accepted, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,
        [(WorkOrderState.InProgress, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,
        [(WorkOrderState.Resolved, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,
        [(WorkOrderState.Verified, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,
        [(WorkOrderState.Reopened, WorkOrderAction.Cancel)] = WorkOrderState.Cancelled,
    };

    public static TheoryData<WorkOrderState, WorkOrderAction> EveryPair()
    {
        var data = new TheoryData<WorkOrderState, WorkOrderAction>();
        foreach (WorkOrderState s in Enum.GetValues<WorkOrderState>())
        {
            foreach (WorkOrderAction a in Enum.GetValues<WorkOrderAction>())
            {
                data.Add(s, a);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Decide_EngineerWithNoteAndTechnician_AllowsExactlyTheLoopsEdges(WorkOrderState from, WorkOrderAction action)
    {
        TransitionDecision decision = WorkOrderStateMachine.Decide(from, action, WorkOrderRole.Engineer, "note", "tech-1");

        if (s_allowed.TryGetValue((from, action), out WorkOrderState to))
        {
            Assert.Equal(new TransitionDecision(TransitionOutcome.Allowed, to), decision);
        }
        else
        {
            Assert.Equal(new TransitionDecision(TransitionOutcome.InvalidTransition, from), decision);
        }
    }

    [Theory]
    [InlineData(WorkOrderState.Assigned, WorkOrderAction.Accept, TransitionOutcome.Allowed)]
    [InlineData(WorkOrderState.Accepted, WorkOrderAction.Start, TransitionOutcome.Allowed)]
    [InlineData(WorkOrderState.InProgress, WorkOrderAction.Resolve, TransitionOutcome.Allowed)]
    [InlineData(WorkOrderState.Created, WorkOrderAction.Assign, TransitionOutcome.Forbidden)]
    [InlineData(WorkOrderState.Resolved, WorkOrderAction.Verify, TransitionOutcome.Forbidden)]
    [InlineData(WorkOrderState.Verified, WorkOrderAction.Close, TransitionOutcome.Forbidden)]
    [InlineData(WorkOrderState.Closed, WorkOrderAction.Reopen, TransitionOutcome.Forbidden)]
    [InlineData(WorkOrderState.Assigned, WorkOrderAction.Cancel, TransitionOutcome.Forbidden)]
    [InlineData(WorkOrderState.Created, WorkOrderAction.Accept, TransitionOutcome.InvalidTransition)]
    public void Decide_Technician_MayOnlyAcceptStartResolve(WorkOrderState from, WorkOrderAction action, TransitionOutcome expected) =>
        Assert.Equal(expected, WorkOrderStateMachine.Decide(from, action, WorkOrderRole.Technician, "note", "tech-1").Outcome);

    [Theory]
    [InlineData(WorkOrderState.Created, WorkOrderAction.Assign, TransitionOutcome.Allowed)]
    [InlineData(WorkOrderState.Resolved, WorkOrderAction.Verify, TransitionOutcome.Allowed)]
    [InlineData(WorkOrderState.Assigned, WorkOrderAction.Accept, TransitionOutcome.Forbidden)]
    [InlineData(WorkOrderState.Verified, WorkOrderAction.Close, TransitionOutcome.Forbidden)]
    [InlineData(WorkOrderState.Created, WorkOrderAction.Cancel, TransitionOutcome.Forbidden)]
    public void Decide_System_MayOnlyAssignAndVerify(WorkOrderState from, WorkOrderAction action, TransitionOutcome expected) =>
        Assert.Equal(expected, WorkOrderStateMachine.Decide(from, action, WorkOrderRole.System, "note", "tech-1").Outcome);

    [Theory]
    [InlineData(WorkOrderState.InProgress, WorkOrderAction.Resolve, null)]
    [InlineData(WorkOrderState.InProgress, WorkOrderAction.Resolve, "  ")]
    [InlineData(WorkOrderState.Closed, WorkOrderAction.Reopen, null)]
    [InlineData(WorkOrderState.Created, WorkOrderAction.Cancel, "")]
    public void Decide_ResolveReopenCancelWithoutNote_NeedsANote(WorkOrderState from, WorkOrderAction action, string? note) =>
        Assert.Equal(new TransitionDecision(TransitionOutcome.NoteRequired, from), WorkOrderStateMachine.Decide(from, action, WorkOrderRole.Engineer, note));

    [Fact]
    public void Decide_AssignWithoutTechnician_NeedsATechnician() =>
        Assert.Equal(TransitionOutcome.TechnicianRequired, WorkOrderStateMachine.Decide(WorkOrderState.Created, WorkOrderAction.Assign, WorkOrderRole.Engineer, technicianId: null).Outcome);

    [Fact]
    public void Decide_AcceptVerifyWithoutNote_AreAllowed()
    {
        Assert.True(WorkOrderStateMachine.Decide(WorkOrderState.Assigned, WorkOrderAction.Accept, WorkOrderRole.Technician).IsAllowed);
        Assert.True(WorkOrderStateMachine.Decide(WorkOrderState.Resolved, WorkOrderAction.Verify, WorkOrderRole.System).IsAllowed);
    }

    [Fact]
    public void Decide_InvalidTransitionOutranksForbidden() =>
        Assert.Equal(TransitionOutcome.InvalidTransition, WorkOrderStateMachine.Decide(WorkOrderState.Closed, WorkOrderAction.Accept, WorkOrderRole.System).Outcome);

    [Fact]
    public void Text_RoundTripsEveryStateAndAction()
    {
        foreach (WorkOrderState s in Enum.GetValues<WorkOrderState>())
        {
            Assert.True(WorkOrderStateText.TryParse(WorkOrderStateText.Of(s), out WorkOrderState back));
            Assert.Equal(s, back);
        }

        foreach (WorkOrderAction a in Enum.GetValues<WorkOrderAction>())
        {
            Assert.True(WorkOrderActionText.TryParse(WorkOrderActionText.Of(a), out WorkOrderAction back));
            Assert.Equal(a, back);
        }

        Assert.Equal("in_progress", WorkOrderStateText.Of(WorkOrderState.InProgress));
        Assert.False(WorkOrderStateText.TryParse("In_Progress", out _));
        Assert.False(WorkOrderActionText.TryParse("explode", out _));
    }
}
