using System.Buffers;
using System.Text.Json;

namespace Hpms.Simulators.GroundTruth;

/// <summary>
/// Writes the ground truth as JSON lines, one record per line:
/// <c>{"type":"value|stock|event|fault","t":simulated time,"wall":wall time,...}</c>.
/// Thread-safe: servers record faults from their own threads. Flushed on dispose and every second.
/// </summary>
public sealed class GroundTruthWriter : IGroundTruth, IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { SkipValidation = true };

    private readonly Lock _gate = new();
    private readonly Stream _stream;
    private readonly Func<DateTimeOffset> _simulatedNow;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private long _lastFlush = Environment.TickCount64;

    /// <summary>Creates a writer over a stream it owns.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="simulatedNow">Simulated time, for records that do not carry their own.</param>
    public GroundTruthWriter(Stream stream, Func<DateTimeOffset> simulatedNow)
    {
        _stream = stream;
        _simulatedNow = simulatedNow;
        _json = new Utf8JsonWriter(_buffer, s_options);
    }

    /// <summary>Gets how many records were written, by type.</summary>
    public GroundTruthCounts Counts { get; } = new();

    /// <summary>Opens a file for writing (created or truncated).</summary>
    /// <param name="path">File path.</param>
    /// <param name="simulatedNow">Simulated time source.</param>
    /// <returns>The writer.</returns>
    public static GroundTruthWriter Create(string path, Func<DateTimeOffset> simulatedNow)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return new GroundTruthWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), simulatedNow);
    }

    /// <inheritdoc/>
    public void Value(string device, string point, double value, DateTimeOffset at)
    {
        lock (_gate)
        {
            Begin("value", at);
            _json.WriteString("device", device);
            _json.WriteString("point", point);
            _json.WriteNumber("value", value);
            End();
            Counts.Values++;
        }
    }

    /// <inheritdoc/>
    public void Stock(string device, int bin, long itemCode, int delta, int onHand, string reason, DateTimeOffset at)
    {
        lock (_gate)
        {
            Begin("stock", at);
            _json.WriteString("device", device);
            _json.WriteNumber("bin", bin);
            _json.WriteNumber("item", itemCode);
            _json.WriteNumber("delta", delta);
            _json.WriteNumber("onHand", onHand);
            _json.WriteString("reason", reason);
            End();
            Counts.StockChanges++;
        }
    }

    /// <inheritdoc/>
    public void Happened(string device, string kind, string detail, DateTimeOffset at)
    {
        lock (_gate)
        {
            Begin("event", at);
            _json.WriteString("device", device);
            _json.WriteString("kind", kind);
            _json.WriteString("detail", detail);
            End();
            Counts.Events++;
        }
    }

    /// <inheritdoc/>
    public void Fault(string endpoint, byte unitId, byte functionCode, string fault)
    {
        lock (_gate)
        {
            Begin("fault", _simulatedNow());
            _json.WriteString("endpoint", endpoint);
            _json.WriteNumber("unit", unitId);
            _json.WriteNumber("function", functionCode);
            _json.WriteString("fault", fault);
            End();
            Counts.Faults++;
        }
    }

    /// <summary>Writes buffered records to the file.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _stream.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _json.Dispose();
            _stream.Flush();
            _stream.Dispose();
        }
    }

    private void Begin(string type, DateTimeOffset at)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteString("t", at);
        _json.WriteString("wall", DateTimeOffset.UtcNow);
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _stream.Write(_buffer.WrittenSpan);
        _stream.WriteByte((byte)'\n');
        long now = Environment.TickCount64;
        if (now - _lastFlush > 1000)
        {
            _stream.Flush();
            _lastFlush = now;
        }
    }
}

/// <summary>Records written so far, by type (read for the run summary).</summary>
public sealed class GroundTruthCounts
{
    /// <summary>Gets or sets served-value changes.</summary>
    public long Values { get; set; }

    /// <summary>Gets or sets stock movements.</summary>
    public long StockChanges { get; set; }

    /// <summary>Gets or sets events.</summary>
    public long Events { get; set; }

    /// <summary>Gets or sets injected faults.</summary>
    public long Faults { get; set; }
}
