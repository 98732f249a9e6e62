using Hpms.Protocols.Envelopes;
using Hpms.Protocols.RegisterMaps;

namespace Hpms.Edge.Commands;

/// <summary>One command a device class accepts: its name, its arguments (for documentation) and how it becomes writes.</summary>
/// <param name="Name">Command name as on the topic.</param>
/// <param name="Arguments">What the arguments mean.</param>
/// <param name="Plan">Turns the arguments into writes on the device's map (pure; refuses bad arguments).</param>
public sealed record CommandDefinition(
    string Name,
    string Arguments,
    Func<IReadOnlyDictionary<string, CommandArgument>, RegisterMap, CommandPlan> Plan);
