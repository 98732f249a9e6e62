using Hpms.Edge.Polling;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Operations;

/// <summary>
/// Turns the gateway's counters into one <c>gateway</c> reading (channels in docs/telemetry-schema.md):
/// poll totals, the poll success percentage since the previous sample, and per sink buffer depth, drops and
/// deliveries. Keeps the previous poll totals, so one instance serves one publisher.
/// </summary>
public sealed class GatewayHealthSampler(DeviceTags gateway)
{
    /// <summary>The measurement (device class) the reading is written under.</summary>
    public const string DeviceClass = "gateway";

    private long _lastPolls;
    private long _lastFailed;

    /// <summary>Gets the tags every sample carries (device = the gateway id).</summary>
    public DeviceTags Tags { get; } = gateway;

    /// <summary>Takes one sample.</summary>
    /// <param name="atUnixMs">The sample's time.</param>
    /// <param name="devices">The polled devices' counters.</param>
    /// <param name="sinks">The sinks' figures.</param>
    /// <param name="refused">Records the buffers refused (full of events, disk error).</param>
    /// <returns>The reading; always succeeded.</returns>
    public DeviceReading Sample(long atUnixMs, IReadOnlyCollection<DeviceCounters> devices, IReadOnlyCollection<SinkHealth> sinks, long refused)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(sinks);
        long polls = devices.Sum(d => d.Polls);
        long failed = devices.Sum(d => d.FailedPolls);
        List<TelemetryPoint> points =
        [
            Point("devices.configured", devices.Count, "count", atUnixMs),
            Point("poll.polls", polls, "count", atUnixMs),
            Point("poll.failed", failed, "count", atUnixMs),
            Point("poll.requests", devices.Sum(d => d.Requests), "count", atUnixMs),
            Point("poll.timeouts", devices.Sum(d => d.Timeouts), "count", atUnixMs),
            Point("buffer.refused", refused, "count", atUnixMs),
        ];
        long newPolls = polls - _lastPolls;
        if (newPolls > 0)
        {
            // Only when polls happened: no polls is no evidence, not 0 % and not 100 %.
            points.Add(Point("poll.success-percent", 100.0 * (newPolls - Math.Max(0, failed - _lastFailed)) / newPolls, "%", atUnixMs));
        }

        _lastPolls = polls;
        _lastFailed = failed;
        foreach (SinkHealth sink in sinks)
        {
            points.Add(Point($"buffer.{sink.Sink}.records", sink.DepthRecords, "count", atUnixMs));
            points.Add(Point($"buffer.{sink.Sink}.bytes", sink.DepthBytes, "B", atUnixMs));
            points.Add(Point($"buffer.{sink.Sink}.dropped", sink.Dropped, "count", atUnixMs));
            points.Add(Point($"sink.{sink.Sink}.sent", sink.Sent, "count", atUnixMs));
            points.Add(Point($"sink.{sink.Sink}.rejected", sink.Rejected, "count", atUnixMs));
        }

        return new DeviceReading(Tags, atUnixMs, points, Succeeded: true);
    }

    private TelemetryPoint Point(string channel, double value, string unit, long atUnixMs) =>
        new(Tags, channel, value, unit, Quality.Good, atUnixMs);
}
