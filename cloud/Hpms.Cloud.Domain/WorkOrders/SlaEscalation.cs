namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>
/// Escalation levels of late work: 1 is the technician (not escalated), 2 the supervisor, 3 the manager.
/// A missed response deadline raises the work to 2; still unanswered <c>escalateAgainAfter</c> later, or
/// a missed resolution deadline, raises it to 3. Levels only rise, one notification per level reached.
/// </summary>
public static class SlaEscalation
{
    /// <summary>The highest escalation level.</summary>
    public const int MaxLevel = 3;

    /// <summary>The breach a work order is in now.</summary>
    /// <param name="clock">The work order's SLA facts.</param>
    /// <param name="nowUnixMs">Now.</param>
    /// <returns>Resolution when late to resolve (it outranks response), Response when late to accept, else None.</returns>
    public static SlaBreach BreachAt(SlaClock clock, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!WorkOrderStateText.IsOpen(clock.State) || clock.State is WorkOrderState.Resolved or WorkOrderState.Verified)
        {
            return SlaBreach.None;
        }

        if (clock.ResolvedUnixMs is null && nowUnixMs >= clock.ResolutionDueUnixMs)
        {
            return SlaBreach.Resolution;
        }

        return clock.AcceptedUnixMs is null && nowUnixMs >= clock.ResponseDueUnixMs ? SlaBreach.Response : SlaBreach.None;
    }

    /// <summary>The level the work order should be at now (never lower than it is).</summary>
    /// <param name="clock">The work order's SLA facts.</param>
    /// <param name="nowUnixMs">Now.</param>
    /// <param name="escalateAgainAfter">How long a level-2 response breach waits before it goes to level 3.</param>
    /// <returns>1…3.</returns>
    public static int TargetLevel(SlaClock clock, long nowUnixMs, TimeSpan escalateAgainAfter)
    {
        ArgumentNullException.ThrowIfNull(clock);
        int current = Math.Max(1, clock.EscalationLevel);
        int due = BreachAt(clock, nowUnixMs) switch
        {
            SlaBreach.Resolution => MaxLevel,
            SlaBreach.Response when nowUnixMs >= clock.ResponseDueUnixMs + (long)escalateAgainAfter.TotalMilliseconds => MaxLevel,
            SlaBreach.Response => 2,
            _ => 1,
        };
        return Math.Max(current, due);
    }

    /// <summary>The levels whose people must be told when work goes from one level to another.</summary>
    /// <param name="fromLevel">The level it was at (0 or 1: not escalated).</param>
    /// <param name="toLevel">The level it reaches.</param>
    /// <returns>Each level above <paramref name="fromLevel"/> up to <paramref name="toLevel"/>, from 2.</returns>
    public static IReadOnlyList<int> LevelsToNotify(int fromLevel, int toLevel)
    {
        var levels = new List<int>();
        for (int level = Math.Max(2, fromLevel + 1); level <= Math.Min(MaxLevel, toLevel); level++)
        {
            levels.Add(level);
        }

        return levels;
    }
}
