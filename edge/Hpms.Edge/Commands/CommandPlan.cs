namespace Hpms.Edge.Commands;

/// <summary>The writes a command becomes on its device, or why it cannot become any.</summary>
/// <param name="Writes">The writes in order (empty when refused).</param>
/// <param name="Refusal">Why not; null when the plan can run.</param>
public sealed record CommandPlan(IReadOnlyList<PointWrite> Writes, CommandRefusal? Refusal)
{
    /// <summary>A plan that runs.</summary>
    /// <param name="writes">The writes.</param>
    /// <returns>The plan.</returns>
    public static CommandPlan Run(IReadOnlyList<PointWrite> writes) => new(writes, null);

    /// <summary>A refused plan.</summary>
    /// <param name="errorCode">The reply's error code.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The plan.</returns>
    public static CommandPlan Refuse(string errorCode, string reason) => new([], new CommandRefusal(errorCode, reason));
}
