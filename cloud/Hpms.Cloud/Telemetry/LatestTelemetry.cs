using System.Collections.Concurrent;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Telemetry;

/// <summary>
/// The newest good reading of each device channel the ingest has seen, in memory: what the order
/// closer and work-order verification consult without querying InfluxDB per message. Lost on restart
/// and rebuilt by the next telemetry, so nothing may depend on it for exactly-once decisions.
/// </summary>
public sealed class LatestTelemetry
{
    private readonly ConcurrentDictionary<(string Device, string Channel), Slot> _points = new();

    /// <summary>Gets how many device channels are known.</summary>
    public int Count => _points.Count;

    /// <summary>Records a reading if it is good and newer than the one held.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <param name="point">The reading.</param>
    public void Record(string deviceId, TelemetryPoint point)
    {
        if (point.Quality != Quality.Good || !double.IsFinite(point.Value))
        {
            return;
        }

        // One slot per channel, updated under its own lock: no closure or struct comparison per reading on the
        // ingest's hot path.
        Slot slot = _points.GetOrAdd((deviceId, point.Channel), static _ => new Slot());
        lock (slot)
        {
            if (!slot.Known || point.TimestampUnixMs >= slot.Point.TimestampUnixMs)
            {
                slot.Point = point;
                slot.Known = true;
            }
        }
    }

    /// <summary>The newest good reading of a channel.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <param name="channel">Channel.</param>
    /// <param name="point">The reading when known.</param>
    /// <returns>Whether one is known.</returns>
    public bool TryGet(string deviceId, string channel, out TelemetryPoint point)
    {
        if (_points.TryGetValue((deviceId, channel), out Slot? slot))
        {
            lock (slot)
            {
                point = slot.Point;
                return slot.Known;
            }
        }

        point = default;
        return false;
    }

    private sealed class Slot
    {
        public TelemetryPoint Point;
        public bool Known;
    }
}
