namespace Hpms.Protocols.MqttDevices;

/// <summary>A command to a cabinet (topic <c>devices/{id}/cmd</c>); which fields apply depends on <see cref="Name"/>.</summary>
/// <param name="Id">Sender's command id (1..64 characters), echoed in the reply; a repeated id is refused.</param>
/// <param name="Name">One of <see cref="CabinetCommandNames"/>.</param>
/// <param name="ExpiresUnixMs">Device time (UTC ms) after which the command must not run; null = no limit.</param>
/// <param name="Badge">unlock: the badge the unlock is for.</param>
/// <param name="Seconds">unlock: how long the lock stays released (1..300).</param>
/// <param name="Bins">light: bins to light (1..24, at most 24 of them).</param>
/// <param name="On">lockdown: set or clear.</param>
public sealed record CabinetCommand(
    string Id,
    string Name,
    long? ExpiresUnixMs,
    long Badge = 0,
    int Seconds = 0,
    IReadOnlyList<int>? Bins = null,
    bool On = false);
