using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// The cloud's MQTT ingest: two <see cref="IngestConnection"/>s to the broker, one for telemetry and one for events
/// and device state. MQTT delivers a session's messages in order and a subscriber must acknowledge them in order,
/// so on one session an event would wait behind every telemetry batch queued before it (up to a second under full
/// load); on its own session it waits only for other events.
/// </summary>
public sealed class MqttIngestService : BackgroundService
{
    private readonly IngestConnection[] _connections;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="processor">Handles each message.</param>
    /// <param name="counters">Counts messages through receive, handling and acknowledgement.</param>
    /// <param name="time">Clock of the reconnect delays.</param>
    /// <param name="logger">Log.</param>
    public MqttIngestService(IOptions<IngestOptions> options, IngestProcessor processor, IngestCounters counters, TimeProvider time, ILogger<MqttIngestService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connections = [.. Enum.GetValues<IngestLane>().Select(lane => new IngestConnection(options.Value, lane, processor, counters, time, logger))];
    }

    /// <summary>Gets whether every connection has the broker.</summary>
    public bool IsConnected => _connections.All(c => c.IsConnected);

    /// <summary>Gets whether every connection has its subscriptions in place (readiness).</summary>
    public bool IsSubscribed => _connections.All(c => c.IsSubscribed);

    /// <inheritdoc/>
    public override void Dispose()
    {
        foreach (IngestConnection connection in _connections)
        {
            connection.Dispose();
        }

        base.Dispose();
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(_connections.Select(c => c.RunAsync(stoppingToken)));
}
