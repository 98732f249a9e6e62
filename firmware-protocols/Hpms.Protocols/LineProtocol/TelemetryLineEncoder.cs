using System.Buffers;
using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.LineProtocol;

/// <summary>
/// Writes telemetry points in the product's InfluxDB schema (docs/telemetry-schema.md): measurement =
/// device class; tags <c>building</c>, <c>device</c>, <c>gateway</c>, <c>site</c>, <c>zone</c> (sorted,
/// empty ones omitted); one float field per good channel value; a bad or stale reading writes no value
/// but <c>&lt;channel&gt;_quality</c> = <c>1i</c> (bad) or <c>2i</c> (stale); NaN and infinities count as bad.
/// </summary>
/// <remarks>
/// Consecutive points of the same device and timestamp share one line. InfluxDB merges lines of the same
/// series and timestamp anyway, so grouping only saves bytes; a channel repeated within a run starts a
/// new line (last write wins, as it would in the database). Allocation-free after warm-up; not thread-safe.
/// </remarks>
public sealed class TelemetryLineEncoder
{
    /// <summary>Suffix of the quality field of a channel.</summary>
    public const string QualitySuffix = "_quality";

    /// <summary>Longest channel name accepted as a field key.</summary>
    public const int MaxChannelLength = 128;

    /// <summary>Value of a quality field for a bad reading.</summary>
    public const long BadQualityCode = 1;

    /// <summary>Value of a quality field for a stale reading.</summary>
    public const long StaleQualityCode = 2;

    private readonly LineProtocolWriter _writer;
    private readonly List<string> _lineChannels = new(64);

    /// <summary>Creates an encoder.</summary>
    /// <param name="precision">Timestamp precision of the lines (the write request must name it); milliseconds lose nothing.</param>
    public TelemetryLineEncoder(TimestampPrecision precision = TimestampPrecision.Milliseconds) => _writer = new LineProtocolWriter(precision);

    /// <summary>Gets the timestamp precision of the lines.</summary>
    public TimestampPrecision Precision => _writer.Precision;

    /// <summary>Appends the points as line protocol to <paramref name="output"/>.</summary>
    /// <param name="points">Points, ideally grouped by device and timestamp as a poll produces them.</param>
    /// <param name="output">Where the lines go.</param>
    /// <returns>What was written and what was dropped, and why.</returns>
    public TelemetryEncodeResult Encode(ReadOnlySpan<TelemetryPoint> points, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int lines = 0, values = 0, flags = 0, nonFinite = 0, invalidChannels = 0, rejected = 0;
        int i = 0;
        while (i < points.Length)
        {
            DeviceTags device = points[i].Device;
            long time = points[i].TimestampUnixMs;
            BeginDeviceLine(device);
            _lineChannels.Clear();
            int lineValues = 0, lineFlags = 0, lineNonFinite = 0, lineInvalid = 0, start = i;
            while (i < points.Length && SameSeries(points[i], device, time) && !_lineChannels.Contains(points[i].Channel))
            {
                TelemetryPoint point = points[i++];
                _lineChannels.Add(point.Channel);
                switch (WriteChannel(point))
                {
                    case ChannelOutcome.Value:
                        lineValues++;
                        break;
                    case ChannelOutcome.NonFinite:
                        lineNonFinite++;
                        lineFlags++;
                        break;
                    case ChannelOutcome.Flag:
                        lineFlags++;
                        break;
                    default:
                        lineInvalid++;
                        break;
                }
            }

            invalidChannels += lineInvalid;
            LineProtocolStatus status = _writer.EndLineUnixMs(output, time);
            if (status == LineProtocolStatus.Ok)
            {
                lines++;
                values += lineValues;
                flags += lineFlags;
                nonFinite += lineNonFinite;
            }
            else if (status != LineProtocolStatus.NoFields)
            {
                rejected += i - start - lineInvalid;
            }
        }

        return new TelemetryEncodeResult(lines, values, flags, nonFinite, invalidChannels, rejected);
    }

    private static bool SameSeries(in TelemetryPoint point, DeviceTags device, long time) =>
        point.TimestampUnixMs == time && (ReferenceEquals(point.Device, device) || device.Equals(point.Device));

    private void BeginDeviceLine(DeviceTags device)
    {
        // Keys in byte order, as InfluxDB recommends; the writer remembers the first failure.
        _writer.BeginLine(device.DeviceClass);
        _ = _writer.Tag("building", device.Building);
        _ = _writer.Tag("device", device.DeviceId);
        _ = _writer.Tag("gateway", device.Gateway);
        _ = _writer.Tag("site", device.Site);
        _ = _writer.Tag("zone", device.Zone);
    }

    private ChannelOutcome WriteChannel(in TelemetryPoint point)
    {
        string channel = point.Channel;
        if (channel is null || channel.Length > MaxChannelLength || channel.EndsWith(QualitySuffix, StringComparison.Ordinal) || !LineProtocolWriter.IsValidKey(channel))
        {
            return ChannelOutcome.Invalid;
        }

        if (point.Quality == Quality.Good && point.Text is not null)
        {
            // Text channels (a bin's lot number) are string fields; they stay text in every line.
            return _writer.StringField(channel, point.Text) == LineProtocolStatus.Ok ? ChannelOutcome.Value : ChannelOutcome.Invalid;
        }

        if (point.Quality == Quality.Good)
        {
            if (_writer.Field(channel, point.Value) != LineProtocolStatus.NonFiniteValue)
            {
                return ChannelOutcome.Value;
            }

            WriteQuality(channel, BadQualityCode);
            return ChannelOutcome.NonFinite;
        }

        WriteQuality(channel, point.Quality == Quality.Stale ? StaleQualityCode : BadQualityCode);
        return ChannelOutcome.Flag;
    }

    private void WriteQuality(string channel, long code)
    {
        Span<char> key = stackalloc char[MaxChannelLength + QualitySuffix.Length];
        channel.AsSpan().CopyTo(key);
        QualitySuffix.AsSpan().CopyTo(key[channel.Length..]);
        _ = _writer.Field(key[..(channel.Length + QualitySuffix.Length)], code);
    }

    private enum ChannelOutcome
    {
        Value,
        NonFinite,
        Flag,
        Invalid,
    }
}
