using System.Buffers;
using System.Runtime.InteropServices;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// One batch as InfluxDB line protocol (ms precision, docs/telemetry-schema.md) in a reused buffer, counting the
/// points the encoder refused: the part the InfluxDB and embedded time-series sinks share. Not thread-safe: the
/// sink calls it under its own lock and uses the bytes before the next call.
/// </summary>
public sealed class BatchLineEncoder
{
    private readonly TelemetryLineEncoder _lines = new(TimestampPrecision.Milliseconds);
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private long _rejected;

    /// <summary>Gets points refused since start (bad channel names or tags).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Encodes a batch.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="lines">Lines written.</param>
    /// <returns>The bytes (empty when nothing could be written), valid until the next call.</returns>
    public ReadOnlySpan<byte> Encode(TelemetryBatch batch, out int lines)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ReadOnlySpan<TelemetryPoint> points = batch.Points switch
        {
            TelemetryPoint[] array => array,
            List<TelemetryPoint> list => CollectionsMarshal.AsSpan(list), // the parser's list: no copy per batch
            _ => [.. batch.Points],
        };
        _buffer.ResetWrittenCount();
        TelemetryEncodeResult result = _lines.Encode(points, _buffer);
        Interlocked.Add(ref _rejected, result.RejectedPoints + result.InvalidChannels);
        lines = result.Lines;
        return _buffer.WrittenSpan;
    }
}
