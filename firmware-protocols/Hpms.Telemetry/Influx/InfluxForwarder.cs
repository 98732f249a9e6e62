using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Microsoft.Extensions.Logging;

namespace Hpms.Telemetry.Influx;

/// <summary>
/// Drains a durable queue of line-protocol records into InfluxDB: one <see cref="InfluxWriter"/> behind one
/// <see cref="QueuePump"/> with the batching both the edge's InfluxDB sink and the cloud's time-series sink use.
/// The queue belongs to the caller (it opens it where its state lives and appends to it).
/// </summary>
public sealed class InfluxForwarder : IDisposable
{
    /// <summary>Creates the writer and the pump (nothing runs until <see cref="RunAsync"/>).</summary>
    /// <param name="queue">The queue of line-protocol records.</param>
    /// <param name="options">Where to write.</param>
    /// <param name="loggers">Log.</param>
    public InfluxForwarder(DurableQueue queue, InfluxWriterOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        Writer = new InfluxWriter("influx", options, loggers.CreateLogger<InfluxWriter>());
        Pump = new QueuePump(queue, Writer, PumpOptions(), loggers.CreateLogger<QueuePump>());
    }

    /// <summary>Gets the writer.</summary>
    public InfluxWriter Writer { get; }

    /// <summary>Gets the pump (sent, rejected and failed counts).</summary>
    public QueuePump Pump { get; }

    /// <summary>
    /// The batching of a line-protocol drain: large batches, because influxd's cost is per request and a
    /// backlog drains fastest in few big writes (up to 5,000 records or 16 MiB per write).
    /// </summary>
    /// <returns>New options.</returns>
    public static QueuePumpOptions PumpOptions() => new() { MaxRecords = 5000, MaxBytes = 16 * 1024 * 1024 };

    /// <summary>Drains the queue until cancelled.</summary>
    /// <param name="cancellationToken">Stops the drain.</param>
    /// <returns>A task that ends with the pump.</returns>
    public Task RunAsync(CancellationToken cancellationToken) => Pump.RunAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => Writer.Dispose();
}
