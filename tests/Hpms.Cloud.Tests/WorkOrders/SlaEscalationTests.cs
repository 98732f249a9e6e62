using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.Tests.WorkOrders;

public sealed class SlaEscalationTests
{
    // P1 created at t=0: respond by 15 min, resolve by 4 h.
    private const long Minute = 60_000;
    private static readonly TimeSpan s_again = TimeSpan.FromMinutes(30);

    private static SlaClock P1(WorkOrderState state = WorkOrderState.Assigned, long? accepted = null, long? resolved = null, int level = 0)
    {
        (long response, long resolution) = new SlaPolicy().Deadlines("P1", 0);
        return new SlaClock(state, response, resolution, accepted, resolved, level);
    }

    [Theory]
    [InlineData(14, 1)]
    [InlineData(15, 2)]
    [InlineData(44, 2)]
    [InlineData(45, 3)]
    [InlineData(240, 3)]
    public void TargetLevel_Unanswered_RisesAtResponseDueAndAgainAfterTheDelay(long minutes, int expected) =>
        Assert.Equal(expected, SlaEscalation.TargetLevel(P1(), minutes * Minute, s_again));

    [Theory]
    [InlineData(239, 1)]
    [InlineData(240, 3)]
    public void TargetLevel_AcceptedInTime_OnlyTheResolutionDeadlineEscalates(long minutes, int expected) =>
        Assert.Equal(expected, SlaEscalation.TargetLevel(P1(WorkOrderState.InProgress, accepted: 10 * Minute), minutes * Minute, s_again));

    [Fact]
    public void TargetLevel_NeverFalls() =>
        Assert.Equal(2, SlaEscalation.TargetLevel(P1(WorkOrderState.InProgress, accepted: 20 * Minute, level: 2), 21 * Minute, s_again));

    [Theory]
    [InlineData(WorkOrderState.Resolved)]
    [InlineData(WorkOrderState.Verified)]
    [InlineData(WorkOrderState.Closed)]
    [InlineData(WorkOrderState.Cancelled)]
    public void BreachAt_DoneOrCancelledWork_IsNoBreach(WorkOrderState state) =>
        Assert.Equal(SlaBreach.None, SlaEscalation.BreachAt(P1(state), 1000 * Minute));

    [Fact]
    public void BreachAt_ReopenedPastResolution_IsAResolutionBreach() =>
        Assert.Equal(SlaBreach.Resolution, SlaEscalation.BreachAt(P1(WorkOrderState.Reopened, accepted: Minute), 241 * Minute));

    [Theory]
    [InlineData(0, 2, new[] { 2 })]
    [InlineData(1, 3, new[] { 2, 3 })]
    [InlineData(2, 3, new[] { 3 })]
    [InlineData(3, 3, new int[0])]
    [InlineData(1, 1, new int[0])]
    public void LevelsToNotify_EachLevelReachedOnce(int from, int to, int[] expected) =>
        Assert.Equal(expected, SlaEscalation.LevelsToNotify(from, to));
}
