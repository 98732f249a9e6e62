using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Hpms.Protocols.LineProtocol;

/// <summary>
/// Builds InfluxDB line protocol one line at a time:
/// <c>measurement[,tag=value…] field=value[,…] [timestamp]\n</c>.
/// </summary>
/// <remarks>
/// <para>
/// Escaping follows the line-protocol reference ("Special characters"): measurement — comma and space;
/// tag keys, tag values and field keys — comma, equals sign and space; string field values — double
/// quote and backslash. Floats are written shortest-round-trip, integers with <c>i</c>, unsigned
/// integers with <c>u</c> (InfluxDB 1.x OSS does not accept those), booleans as <c>true</c>/<c>false</c>.
/// </para>
/// <para>
/// Stricter than the reference where servers disagree, so every line is read back the same by 1.x and
/// 2.x: names and tag values may not hold a backslash (1.x keeps <c>\\</c> literally, 2.x unescapes
/// it), control characters (a newline would end the line) or broken surrogates; keys may not start with
/// <c>_</c> (reserved) or be <c>time</c> (1.x refuses it); string values may not hold a newline and are
/// at most 64 KiB. Empty tag values are omitted, as the reference requires.
/// </para>
/// <para>
/// A line is assembled in a reusable scratch buffer and copied to the output only by a successful
/// <c>EndLine</c>, so a refused line leaves no partial bytes behind. NaN and infinities are skipped
/// field by field (<see cref="LineProtocolStatus.NonFiniteValue"/>, counted in
/// <see cref="NonFiniteFieldsSkipped"/>); any other invalid element fails the whole line, and
/// <c>EndLine</c> returns the first failure. After warm-up, writing allocates nothing. Tags are written
/// in the order given: give them sorted by key (InfluxDB's performance tip). Not thread-safe.
/// </para>
/// </remarks>
public sealed class LineProtocolWriter
{
    /// <summary>Longest string field value, in UTF-8 bytes (line-protocol reference, "String").</summary>
    public const int MaxStringFieldBytes = 64 * 1024;

    private static readonly SearchValues<char> s_forbiddenInNames = SearchValues.Create(
        "\\\u007F\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private static readonly SearchValues<char> s_measurementEscapes = SearchValues.Create(", ");
    private static readonly SearchValues<char> s_keyEscapes = SearchValues.Create(",= ");
    private static readonly SearchValues<char> s_stringEscapes = SearchValues.Create("\"\\");

    private byte[] _line = new byte[256];
    private int _length;
    private int _fields;
    private State _state;
    private LineProtocolStatus _failure;

    /// <summary>Creates a writer whose <c>EndLine</c> timestamps are in <paramref name="precision"/> units.</summary>
    /// <param name="precision">Timestamp unit; the write request must name the same.</param>
    public LineProtocolWriter(TimestampPrecision precision = TimestampPrecision.Nanoseconds) => Precision = precision;

    private enum State
    {
        Idle,
        Tags,
        Fields,
        Failed,
    }

    /// <summary>Gets the unit of timestamps given to <c>EndLine</c>.</summary>
    public TimestampPrecision Precision { get; }

    /// <summary>Gets how many lines were written.</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Gets how many lines were refused (first failure returned by <c>EndLine</c>).</summary>
    public long LinesRefused { get; private set; }

    /// <summary>Gets how many NaN or infinite float fields were skipped.</summary>
    public long NonFiniteFieldsSkipped { get; private set; }

    /// <summary>True when a measurement, tag key or field key is writable (see the remarks on the type).</summary>
    /// <param name="key">Candidate key.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidKey(ReadOnlySpan<char> key) =>
        !key.IsEmpty && key[0] != '_' && !key.SequenceEqual("time") && key.IndexOfAny(s_forbiddenInNames) < 0 && IsWellFormed(key);

    /// <summary>True when a tag value is writable; an empty one is valid and omitted.</summary>
    /// <param name="value">Candidate value.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidTagValue(ReadOnlySpan<char> value) => value.IndexOfAny(s_forbiddenInNames) < 0 && IsWellFormed(value);

    /// <summary>Starts a line, abandoning any unfinished one.</summary>
    /// <param name="measurement">Measurement name.</param>
    public void BeginLine(ReadOnlySpan<char> measurement)
    {
        _length = 0;
        _fields = 0;
        _state = State.Tags;
        _failure = LineProtocolStatus.Ok;
        if (!IsValidKey(measurement) || measurement[0] == '#')
        {
            Fail(LineProtocolStatus.InvalidMeasurement);
            return;
        }

        AppendEscaped(measurement, s_measurementEscapes);
    }

    /// <summary>Adds a tag; an empty value is omitted. Tags come before fields.</summary>
    /// <param name="key">Tag key.</param>
    /// <param name="value">Tag value.</param>
    /// <returns>Ok, or why the line failed.</returns>
    public LineProtocolStatus Tag(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (_state != State.Tags)
        {
            return Fail(LineProtocolStatus.OutOfOrder);
        }

        if (!IsValidKey(key))
        {
            return Fail(LineProtocolStatus.InvalidTagKey);
        }

        if (!IsValidTagValue(value))
        {
            return Fail(LineProtocolStatus.InvalidTagValue);
        }

        if (value.IsEmpty)
        {
            return LineProtocolStatus.Ok;
        }

        AppendByte((byte)',');
        AppendEscaped(key, s_keyEscapes);
        AppendByte((byte)'=');
        AppendEscaped(value, s_keyEscapes);
        return LineProtocolStatus.Ok;
    }

    /// <summary>Adds a float field; NaN and infinities are skipped and counted.</summary>
    /// <param name="key">Field key.</param>
    /// <param name="value">Value.</param>
    /// <returns>Ok, <see cref="LineProtocolStatus.NonFiniteValue"/> (skipped, line goes on), or why the line failed.</returns>
    public LineProtocolStatus Field(ReadOnlySpan<char> key, double value)
    {
        if (!double.IsFinite(value) && _state is State.Tags or State.Fields)
        {
            NonFiniteFieldsSkipped++;
            return LineProtocolStatus.NonFiniteValue;
        }

        LineProtocolStatus status = StartField(key);
        if (status == LineProtocolStatus.Ok)
        {
            Ensure(32);
            _ = value.TryFormat(_line.AsSpan(_length), out int written, "R", CultureInfo.InvariantCulture);
            _length += written;
        }

        return status;
    }

    /// <summary>Adds a signed integer field (<c>123i</c>).</summary>
    /// <param name="key">Field key.</param>
    /// <param name="value">Value.</param>
    /// <returns>Ok, or why the line failed.</returns>
    public LineProtocolStatus Field(ReadOnlySpan<char> key, long value)
    {
        LineProtocolStatus status = StartField(key);
        if (status == LineProtocolStatus.Ok)
        {
            Ensure(21);
            _ = Utf8Formatter.TryFormat(value, _line.AsSpan(_length), out int written);
            _length += written;
            AppendByte((byte)'i');
        }

        return status;
    }

    /// <summary>Adds an unsigned integer field (<c>123u</c>; InfluxDB 2.x and later only).</summary>
    /// <param name="key">Field key.</param>
    /// <param name="value">Value.</param>
    /// <returns>Ok, or why the line failed.</returns>
    public LineProtocolStatus FieldUnsigned(ReadOnlySpan<char> key, ulong value)
    {
        LineProtocolStatus status = StartField(key);
        if (status == LineProtocolStatus.Ok)
        {
            Ensure(21);
            _ = Utf8Formatter.TryFormat(value, _line.AsSpan(_length), out int written);
            _length += written;
            AppendByte((byte)'u');
        }

        return status;
    }

    /// <summary>Adds a boolean field.</summary>
    /// <param name="key">Field key.</param>
    /// <param name="value">Value.</param>
    /// <returns>Ok, or why the line failed.</returns>
    public LineProtocolStatus Field(ReadOnlySpan<char> key, bool value)
    {
        LineProtocolStatus status = StartField(key);
        if (status == LineProtocolStatus.Ok)
        {
            AppendAscii(value ? "true"u8 : "false"u8);
        }

        return status;
    }

    /// <summary>Adds a string field, double-quoted, with <c>"</c> and <c>\</c> escaped.</summary>
    /// <param name="key">Field key.</param>
    /// <param name="value">Value (no newline, at most 64 KiB of UTF-8).</param>
    /// <returns>Ok, or why the line failed.</returns>
    public LineProtocolStatus StringField(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (_state is State.Tags or State.Fields && (value.IndexOfAny('\n', '\r') >= 0 || !IsWellFormed(value)))
        {
            return Fail(LineProtocolStatus.InvalidFieldValue);
        }

        LineProtocolStatus status = StartField(key);
        if (status != LineProtocolStatus.Ok)
        {
            return status;
        }

        AppendByte((byte)'"');
        int start = _length;
        AppendEscaped(value, s_stringEscapes);
        if (_length - start > MaxStringFieldBytes)
        {
            return Fail(LineProtocolStatus.InvalidFieldValue);
        }

        AppendByte((byte)'"');
        return LineProtocolStatus.Ok;
    }

    /// <summary>Ends the line without a timestamp (the server stamps it on arrival) and copies it to <paramref name="output"/>.</summary>
    /// <param name="output">Where finished lines go.</param>
    /// <returns>Ok, or the first reason the line was refused (nothing written).</returns>
    public LineProtocolStatus EndLine(IBufferWriter<byte> output) => Finish(output, null);

    /// <summary>Ends the line with a timestamp in <see cref="Precision"/> units and copies it to <paramref name="output"/>.</summary>
    /// <param name="output">Where finished lines go.</param>
    /// <param name="timestamp">Timestamp in <see cref="Precision"/> units.</param>
    /// <returns>Ok, or the first reason the line was refused (nothing written).</returns>
    public LineProtocolStatus EndLine(IBufferWriter<byte> output, long timestamp) =>
        Precision.IsInRange(timestamp) ? Finish(output, timestamp) : FinishFailed(LineProtocolStatus.TimestampOutOfRange);

    /// <summary>Ends the line with a Unix-millisecond timestamp converted to <see cref="Precision"/>.</summary>
    /// <param name="output">Where finished lines go.</param>
    /// <param name="unixMs">UTC milliseconds since the epoch.</param>
    /// <returns>Ok, or the first reason the line was refused (nothing written).</returns>
    public LineProtocolStatus EndLineUnixMs(IBufferWriter<byte> output, long unixMs) =>
        Precision.TryFromUnixMs(unixMs, out long timestamp) ? Finish(output, timestamp) : FinishFailed(LineProtocolStatus.TimestampOutOfRange);

    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        // Only a surrogate can make UTF-16 ill-formed; most text has none, so look before transcoding.
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return true;
        }

        Span<byte> scratch = stackalloc byte[64];
        while (!text.IsEmpty)
        {
            OperationStatus status = Utf8.FromUtf16(text, scratch, out int read, out _, replaceInvalidSequences: false);
            if (status == OperationStatus.InvalidData)
            {
                return false;
            }

            text = text[read..];
        }

        return true;
    }

    private LineProtocolStatus StartField(ReadOnlySpan<char> key)
    {
        if (_state is not (State.Tags or State.Fields))
        {
            return Fail(LineProtocolStatus.OutOfOrder);
        }

        if (!IsValidKey(key))
        {
            return Fail(LineProtocolStatus.InvalidFieldKey);
        }

        AppendByte(_state == State.Tags ? (byte)' ' : (byte)',');
        _state = State.Fields;
        _fields++;
        AppendEscaped(key, s_keyEscapes);
        AppendByte((byte)'=');
        return LineProtocolStatus.Ok;
    }

    private LineProtocolStatus Finish(IBufferWriter<byte> output, long? timestamp)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_state != State.Fields || _fields == 0)
        {
            return FinishFailed(_state == State.Failed ? _failure : _state == State.Idle ? LineProtocolStatus.OutOfOrder : LineProtocolStatus.NoFields);
        }

        Span<byte> destination = output.GetSpan(_length + 22);
        _line.AsSpan(0, _length).CopyTo(destination);
        int length = _length;
        if (timestamp is long value)
        {
            destination[length++] = (byte)' ';
            _ = Utf8Formatter.TryFormat(value, destination[length..], out int written);
            length += written;
        }

        destination[length++] = (byte)'\n';
        output.Advance(length);
        _state = State.Idle;
        LinesWritten++;
        return LineProtocolStatus.Ok;
    }

    private LineProtocolStatus FinishFailed(LineProtocolStatus status)
    {
        LineProtocolStatus first = _state == State.Failed ? _failure : status;
        _state = State.Idle;
        LinesRefused++;
        return first;
    }

    private LineProtocolStatus Fail(LineProtocolStatus status)
    {
        if (_state != State.Failed)
        {
            _failure = status;
            _state = State.Failed;
        }

        return _failure;
    }

    private void AppendEscaped(ReadOnlySpan<char> text, SearchValues<char> escaped)
    {
        while (!text.IsEmpty)
        {
            int stop = text.IndexOfAny(escaped);
            AppendUtf8(stop < 0 ? text : text[..stop]);
            if (stop < 0)
            {
                return;
            }

            Ensure(2);
            _line[_length++] = (byte)'\\';
            _line[_length++] = (byte)text[stop];
            text = text[(stop + 1)..];
        }
    }

    private void AppendUtf8(ReadOnlySpan<char> run)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(run.Length));
        _ = Utf8.FromUtf16(run, _line.AsSpan(_length), out _, out int written, replaceInvalidSequences: false);
        _length += written;
    }

    private void AppendAscii(ReadOnlySpan<byte> text)
    {
        Ensure(text.Length);
        text.CopyTo(_line.AsSpan(_length));
        _length += text.Length;
    }

    private void AppendByte(byte value)
    {
        Ensure(1);
        _line[_length++] = value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + more));
        }
    }
}
