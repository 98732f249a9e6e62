namespace Hpms.Cloud.Commands;

/// <summary>A command the API can send: its name on the topic, the device classes that take it, its arguments.</summary>
/// <param name="Name">Command name (the last topic level and the envelope's <c>name</c>).</param>
/// <param name="DeviceClasses">Device classes whose gateways accept it.</param>
/// <param name="Arguments">Its arguments; any other is refused.</param>
/// <param name="NeedsOneArgument">Whether at least one argument must be given (set-style commands).</param>
/// <param name="Summary">What it does.</param>
public sealed record CommandSpec(string Name, IReadOnlyList<string> DeviceClasses, IReadOnlyList<CommandArgumentSpec> Arguments, bool NeedsOneArgument, string Summary);
