using System.Buffers;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Influx;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Telemetry into InfluxDB the way the edge's InfluxDB sink does it: line protocol by
/// <see cref="TelemetryLineEncoder"/> (docs/telemetry-schema.md) appended to a <see cref="DurableQueue"/> on
/// disk, drained by an <see cref="InfluxForwarder"/> while the host runs. InfluxDB down → the queue grows
/// (bounded; oldest dropped first) and drains when it is back.
/// </summary>
public sealed class InfluxTimeSeriesSink : BackgroundService, ITimeSeriesSink
{
    private readonly Lock _gate = new();
    private readonly BatchLineEncoder _lines = new();
    private readonly DurableQueue _queue;
    private readonly InfluxForwarder _forwarder;

    /// <summary>Opens the queue (in <c>{StateDirectory}/buffer-influx</c>) and creates the forwarder.</summary>
    /// <param name="ingest">Ingest options (state directory, buffer bound).</param>
    /// <param name="influx">Where to write.</param>
    /// <param name="loggers">Log.</param>
    public InfluxTimeSeriesSink(IOptions<IngestOptions> ingest, IOptions<InfluxWriterOptions> influx, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(loggers);
        _queue = DurableQueue.Open(
            new DurableQueueOptions { Directory = Path.Combine(ingest.Value.StateDirectory, "buffer-influx"), Name = "influx", MaxBytes = ingest.Value.BufferMaxBytes },
            loggers.CreateLogger<DurableQueue>());
        _forwarder = new InfluxForwarder(_queue, influx.Value, loggers);
    }

    /// <inheritdoc/>
    public string Name => "influx";

    /// <inheritdoc/>
    public long QueueDepth => _queue.Counters.DepthRecords;

    /// <summary>Gets the forwarder (records sent, rejected, failed attempts).</summary>
    public InfluxForwarder Forwarder => _forwarder;

    /// <summary>Gets the queue (appended, dropped, refused).</summary>
    public DurableQueue Queue => _queue;

    /// <summary>Gets points the encoder could not write (bad channel names or tags), counted by the encoder's result.</summary>
    public long EncodeRejected => _lines.Rejected;

    /// <inheritdoc/>
    public bool Append(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            ReadOnlySpan<byte> lines = _lines.Encode(batch, out _);
            return lines.IsEmpty || _queue.Append(RecordKind.Telemetry, lines).IsAppended;
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        base.Dispose();
        _forwarder.Dispose();
        _queue.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _forwarder.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
