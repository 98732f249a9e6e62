namespace Hpms.Protocols.Telemetry;

/// <summary>One reading of one channel of one device.</summary>
/// <param name="Device">The device's tags.</param>
/// <param name="Channel">Channel name (the register-map point name, e.g. <c>temperature</c>).</param>
/// <param name="Value">Engineering value (booleans as 0/1).</param>
/// <param name="Unit">Engineering unit (may be empty).</param>
/// <param name="Quality">Good, bad or stale.</param>
/// <param name="TimestampUnixMs">When it was read, UTC milliseconds since the Unix epoch.</param>
/// <param name="Text">For text channels (a lot number): the text; <paramref name="Value"/> is then 0.</param>
public readonly record struct TelemetryPoint(
    DeviceTags Device, string Channel, double Value, string Unit, Quality Quality, long TimestampUnixMs, string? Text = null);
