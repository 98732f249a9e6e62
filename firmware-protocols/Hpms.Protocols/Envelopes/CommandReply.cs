namespace Hpms.Protocols.Envelopes;

/// <summary>The gateway's answer to a <see cref="DeviceCommand"/>, sent to the command's MQTT 5 response topic.</summary>
/// <param name="Id">The command's id.</param>
/// <param name="Ok">Whether the command ran.</param>
/// <param name="ErrorCode">Why not (one of <see cref="CommandErrorCodes"/>), null when ok.</param>
/// <param name="Message">Human-readable detail (may be empty).</param>
/// <param name="Values">What the device reported back, by name (e.g. the new setpoint).</param>
public sealed record CommandReply(string Id, bool Ok, string? ErrorCode, string Message, IReadOnlyDictionary<string, double> Values);
