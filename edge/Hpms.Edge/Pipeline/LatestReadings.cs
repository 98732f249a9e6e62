using System.Collections.Concurrent;
using Hpms.Edge.Polling;

namespace Hpms.Edge.Pipeline;

/// <summary>The newest reading of each device, for health, metrics and diagnostics.</summary>
public sealed class LatestReadings : IReadingConsumer
{
    private readonly ConcurrentDictionary<string, DeviceReading> _latest = new(StringComparer.Ordinal);
    private long _readings;
    private long _points;

    /// <summary>Gets how many readings passed.</summary>
    public long Count => Interlocked.Read(ref _readings);

    /// <summary>Gets how many points (channel values) passed.</summary>
    public long Points => Interlocked.Read(ref _points);

    /// <summary>Gets the newest reading per device id.</summary>
    public IReadOnlyDictionary<string, DeviceReading> ByDevice => _latest;

    /// <inheritdoc/>
    public ValueTask ConsumeAsync(DeviceReading reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        _latest[reading.Device.DeviceId] = reading;
        Interlocked.Increment(ref _readings);
        Interlocked.Add(ref _points, reading.Points.Count);
        return ValueTask.CompletedTask;
    }
}
