using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Where accepted telemetry goes for history and trends (InfluxDB by default; an embedded store may follow).
/// <see cref="Append"/> returns true only once the batch is durable on the sink's side (e.g. in a disk
/// queue): the ingest acknowledges the MQTT message after that, so a crash redelivers rather than loses.
/// </summary>
public interface ITimeSeriesSink
{
    /// <summary>Gets the sink's name (logs, metrics).</summary>
    string Name { get; }

    /// <summary>Gets records waiting to be written to the store.</summary>
    long QueueDepth { get; }

    /// <summary>Takes a batch.</summary>
    /// <param name="batch">A validated batch.</param>
    /// <returns>True when it is durably queued (or nothing needed writing); false when it could not be taken (retry).</returns>
    bool Append(TelemetryBatch batch);
}
