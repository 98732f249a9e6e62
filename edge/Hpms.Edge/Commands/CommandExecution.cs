namespace Hpms.Edge.Commands;

/// <summary>What running a command's writes did.</summary>
/// <param name="Refusal">Why it failed (device error, timeout); null when every write was acknowledged.</param>
/// <param name="Values">The values written, by point name.</param>
public sealed record CommandExecution(CommandRefusal? Refusal, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>Gets a value indicating whether every write was acknowledged.</summary>
    public bool Ok => Refusal is null;
}
