namespace Hpms.Protocols.MqttDevices;

/// <summary>A cabinet's periodic state report (topic <c>devices/{id}/report</c>).</summary>
/// <param name="DeviceId">Sender.</param>
/// <param name="Sequence">Per-device message sequence (reports and events share it), from 1.</param>
/// <param name="TimeUnixMs">Device time, UTC milliseconds since the Unix epoch.</param>
/// <param name="DoorOpen">Door contact open.</param>
/// <param name="DoorOpenSeconds">Seconds the door has been open (0 when closed).</param>
/// <param name="DoorForced">Forced-door alarm latched.</param>
/// <param name="LockEngaged">Bolt thrown.</param>
/// <param name="Lockdown">Badges and unlocks refused.</param>
/// <param name="Tamper">Tamper switch tripped.</param>
/// <param name="PowerFail">On battery.</param>
/// <param name="LastBadge">Last badge presented (0 = none yet).</param>
/// <param name="BadgeEvents">Badge events since power-up (wraps at 2^32).</param>
/// <param name="Bins">The used bins.</param>
public sealed record CabinetReport(
    string DeviceId,
    long Sequence,
    long TimeUnixMs,
    bool DoorOpen,
    int DoorOpenSeconds,
    bool DoorForced,
    bool LockEngaged,
    bool Lockdown,
    bool Tamper,
    bool PowerFail,
    long LastBadge,
    long BadgeEvents,
    IReadOnlyList<CabinetBinReport> Bins);
