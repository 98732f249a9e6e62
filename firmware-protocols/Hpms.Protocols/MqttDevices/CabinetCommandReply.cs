namespace Hpms.Protocols.MqttDevices;

/// <summary>A cabinet's answer to a command.</summary>
/// <param name="Id">The command's id (empty when the command was too broken to carry one).</param>
/// <param name="Ok">Whether it was carried out.</param>
/// <param name="Error">On refusal, one of <see cref="CabinetCommandErrors"/>.</param>
/// <param name="Reason">On refusal, human-readable detail.</param>
public sealed record CabinetCommandReply(string Id, bool Ok, string? Error = null, string? Reason = null);
