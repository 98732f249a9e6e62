using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Polling;

/// <summary>Everything one poll of one device produced.</summary>
/// <param name="Device">The device's tags.</param>
/// <param name="TimestampUnixMs">When the poll finished.</param>
/// <param name="Points">One point per planned channel (good, or stale/bad when a read failed).</param>
/// <param name="Succeeded">True when every read of the plan was answered.</param>
public sealed record DeviceReading(DeviceTags Device, long TimestampUnixMs, IReadOnlyList<TelemetryPoint> Points, bool Succeeded);
