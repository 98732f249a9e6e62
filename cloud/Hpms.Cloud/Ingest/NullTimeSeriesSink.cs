using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Ingest;

/// <summary>No time-series store configured (<c>Influx:Url</c> empty): telemetry still feeds the cache, observers and the store.</summary>
public sealed class NullTimeSeriesSink : ITimeSeriesSink
{
    /// <inheritdoc/>
    public string Name => "none";

    /// <inheritdoc/>
    public long QueueDepth => 0;

    /// <inheritdoc/>
    public bool Append(TelemetryBatch batch) => true;
}
