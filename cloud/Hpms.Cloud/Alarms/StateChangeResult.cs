namespace Hpms.Cloud.Alarms;

/// <summary>The outcome of a state change and the state the thing is in afterwards.</summary>
/// <param name="Status">What happened.</param>
/// <param name="State">The state now (null when not found).</param>
public sealed record StateChangeResult(StateChangeStatus Status, string? State);
