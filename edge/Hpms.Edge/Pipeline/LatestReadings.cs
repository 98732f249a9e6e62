using System.Collections.Concurrent;
using Hpms.Edge.Polling;

namespace Hpms.Edge.Pipeline;

/// <summary>The newest reading of each device, for health, metrics and diagnostics.</summary>
public sealed class LatestReadings : IReadingConsumer
{
    private readonly ConcurrentDictionary<string, DeviceReading> _latest = new(StringComparer.Ordinal);
    private long _readings;

    /// <summary>Gets how many readings passed.</summary>
    public long Count => Interlocked.Read(ref _readings);

    /// <summary>Gets the newest reading per device id.</summary>
    public IReadOnlyDictionary<string, DeviceReading> ByDevice => _latest;

    /// <inheritdoc/>
    public ValueTask ConsumeAsync(DeviceReading reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        _latest[reading.Device.DeviceId] = reading;
        Interlocked.Increment(ref _readings);
        return ValueTask.CompletedTask;
    }
}
