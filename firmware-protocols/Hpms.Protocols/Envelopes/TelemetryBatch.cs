using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.Envelopes;

/// <summary>
/// Readings of one device, published on <c>hpms/v1/{site}/{gateway}/{device}/telemetry</c>. The gateway
/// numbers its batches 0, 1, 2… across all its devices, so the cloud detects loss from gaps.
/// </summary>
/// <param name="Device">The device's tags (the points' own <see cref="TelemetryPoint.Device"/> is not encoded; parsed points share this instance).</param>
/// <param name="Sequence">Per-gateway batch number.</param>
/// <param name="Points">Readings (non-finite values travel as <c>null</c> and must not be good).</param>
public sealed record TelemetryBatch(DeviceTags Device, long Sequence, IReadOnlyList<TelemetryPoint> Points);
