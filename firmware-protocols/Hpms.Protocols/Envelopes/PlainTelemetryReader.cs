using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.Envelopes;

/// <summary>
/// The common case of <see cref="EnvelopeCodec.ParseTelemetry"/>: a plainly valid telemetry batch read in one forward
/// pass, with no document tree, and its names (channels, units, device tags) taken from a bounded cache instead of
/// a new string each (gateways send the same few hundred names thousands of times a second). It accepts only what
/// the strict reader accepts: anything else — an error, or merely something unusual (a duplicate property, an
/// escaped name) — returns false, and the strict reader, which names every problem, decides.
/// </summary>
internal static class PlainTelemetryReader
{
    internal const int MaxCachedNames = 16_384;
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = EnvelopeCodec.MaxDepth };
    private static readonly ConcurrentDictionary<string, string> s_names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_byChars = s_names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Gets how many names the cache holds (at most 16,384).</summary>
    internal static int CachedNames => s_names.Count;

    /// <summary>Reads a batch when it is plainly valid.</summary>
    /// <param name="json">The payload (already checked for size and UTF-8).</param>
    /// <param name="batch">The batch, when true.</param>
    /// <returns>False for anything the strict reader should look at.</returns>
    public static bool TryRead(ReadOnlySpan<byte> json, out TelemetryBatch? batch)
    {
        batch = null;
        try
        {
            var reader = new Utf8JsonReader(json, s_options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            long sequence = 0;
            DeviceTags? device = null;
            List<TelemetryPoint>? points = null;
            int seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int bit;
                if (reader.ValueTextEquals("v"u8))
                {
                    bit = 1;
                    if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long version) || version != EnvelopeCodec.Version)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("seq"u8))
                {
                    bit = 2;
                    if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out sequence) || sequence < 0)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("device"u8))
                {
                    bit = 4;
                    device = ReadDevice(ref reader);
                    if (device is null)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("points"u8))
                {
                    bit = 8;
                    if (device is null || (points = ReadPoints(ref reader, device, json)) is null)
                    {
                        return false; // points before the device: unusual, left to the strict reader
                    }
                }
                else
                {
                    return false;
                }

                if ((seen & bit) != 0)
                {
                    return false;
                }

                seen |= bit;
            }

            if (seen != 0b1111 || reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }

            batch = new TelemetryBatch(device!, sequence, points!);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false; // malformed, or an escape that is no text (a lone surrogate "\ud800"): the strict reader says how
        }
    }

    private static DeviceTags? ReadDevice(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? site = null, building = null, zone = null, gateway = null, deviceClass = null, id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref string? field = ref site;
            if (reader.ValueTextEquals("site"u8))
            {
                field = ref site;
            }
            else if (reader.ValueTextEquals("building"u8))
            {
                field = ref building;
            }
            else if (reader.ValueTextEquals("zone"u8))
            {
                field = ref zone;
            }
            else if (reader.ValueTextEquals("gateway"u8))
            {
                field = ref gateway;
            }
            else if (reader.ValueTextEquals("class"u8))
            {
                field = ref deviceClass;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                field = ref id;
            }
            else
            {
                return null;
            }

            if (field is not null || !reader.Read() || (field = Name(ref reader)) is null)
            {
                return null;
            }
        }

        bool valid = TopicScheme.IsValidLevel(site) && TopicScheme.IsValidLevel(gateway) && TopicScheme.IsValidLevel(id)
            && building is not null && !EnvelopeCodec.HasControl(building)
            && zone is not null && !EnvelopeCodec.HasControl(zone)
            && deviceClass is { Length: > 0 } && !EnvelopeCodec.HasControl(deviceClass);
        return valid ? new DeviceTags(site!, building!, zone!, gateway!, deviceClass!, id!) : null;
    }

    private static List<TelemetryPoint>? ReadPoints(ref Utf8JsonReader reader, DeviceTags device, ReadOnlySpan<byte> json)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        // Sized once: every point is an object, and so are the root and the device (a count of braces is a vector scan).
        var points = new List<TelemetryPoint>(Math.Clamp(json.Count((byte)'{') - 2, 0, EnvelopeCodec.MaxPoints));
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (points.Count == EnvelopeCodec.MaxPoints || !TryReadPoint(ref reader, device, out TelemetryPoint point))
            {
                return null;
            }

            points.Add(point);
        }

        return reader.TokenType == JsonTokenType.EndArray ? points : null;
    }

    private static bool TryReadPoint(ref Utf8JsonReader reader, DeviceTags device, out TelemetryPoint point)
    {
        point = default;
        string? channel = null;
        string? unit = null;
        double value = double.NaN;
        bool hasValue = false;
        Quality quality = Quality.Bad;
        long ts = 0;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int bit;
            if (reader.ValueTextEquals("ch"u8))
            {
                bit = 1;
                if (!reader.Read() || (channel = Name(ref reader)) is null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("val"u8))
            {
                bit = 2;
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.Number)
                {
                    hasValue = reader.TryGetDouble(out value) && double.IsFinite(value);
                    if (!hasValue)
                    {
                        return false;
                    }
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("unit"u8))
            {
                bit = 4;
                if (!reader.Read() || (unit = Name(ref reader)) is null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("q"u8))
            {
                bit = 8;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                if (reader.ValueTextEquals("good"u8))
                {
                    quality = Quality.Good;
                }
                else if (reader.ValueTextEquals("stale"u8))
                {
                    quality = Quality.Stale;
                }
                else if (!reader.ValueTextEquals("bad"u8))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                bit = 16;
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out ts) || ts < EnvelopeCodec.MinUnixMs || ts > EnvelopeCodec.MaxUnixMs)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }

            if ((seen & bit) != 0)
            {
                return false;
            }

            seen |= bit;
        }

        if ((seen & 0b11101) != 0b11101 || reader.TokenType != JsonTokenType.EndObject
            || channel!.Length == 0 || EnvelopeCodec.HasControl(channel) || (quality == Quality.Good && !hasValue))
        {
            return false;
        }

        point = new TelemetryPoint(device, channel, hasValue ? value : double.NaN, unit!, quality, ts);
        return true;
    }

    /// <summary>A string value of at most <see cref="EnvelopeCodec.MaxNameLength"/> characters, from the cache when it is there.</summary>
    private static string? Name(ref Utf8JsonReader reader)
    {
        // Escaped text takes up to 6 bytes a character ("\u00B0": the encoder escapes every non-ASCII one, as in °C).
        const int MaxBytes = EnvelopeCodec.MaxNameLength * 6;
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
        {
            return null;
        }

        Span<char> chars = stackalloc char[MaxBytes];
        int length = reader.ValueIsEscaped ? reader.CopyString(chars) : Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        if (length > EnvelopeCodec.MaxNameLength)
        {
            return null;
        }

        ReadOnlySpan<char> text = chars[..length];
        if (s_byChars.TryGetValue(text, out string? cached))
        {
            return cached;
        }

        string name = text.ToString();
        if (s_names.Count < MaxCachedNames)
        {
            s_names.TryAdd(name, name); // bounded: names nobody repeats stop being cached, never grow memory
        }

        return name;
    }
}
