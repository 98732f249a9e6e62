using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.Envelopes;

/// <summary>
/// A happening at a device (breach started or cleared, stock below reorder point, door open too long),
/// published at least once on <c>hpms/v1/{site}/{gateway}/{device}/event</c>. The same condition keeps
/// its <see cref="Id"/> from start to clear, so the cloud de-duplicates by id and state.
/// </summary>
/// <param name="Id">Stable id of the condition (the same for its active and cleared messages).</param>
/// <param name="Kind">What happened (e.g. <c>temperature_high</c>, <c>door_open_too_long</c>).</param>
/// <param name="Device">The device's tags.</param>
/// <param name="State">Active or cleared.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="StartedUnixMs">When the condition started, UTC ms.</param>
/// <param name="ClearedUnixMs">When it cleared (only when cleared), UTC ms.</param>
/// <param name="Values">The readings that caused it, by channel (a few entries).</param>
/// <param name="Message">Human-readable text.</param>
public sealed record DeviceEvent(
    string Id,
    string Kind,
    DeviceTags Device,
    EventState State,
    EventSeverity Severity,
    long StartedUnixMs,
    long? ClearedUnixMs,
    IReadOnlyDictionary<string, double> Values,
    string Message);
