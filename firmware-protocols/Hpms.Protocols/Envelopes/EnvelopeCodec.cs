using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.Envelopes;

/// <summary>
/// JSON envelopes between gateways and the cloud (docs/mqtt-contract.md). Encoding writes compact
/// UTF-8; parsing takes untrusted bytes and never throws. It refuses, with the reason: empty or oversize
/// payloads, invalid UTF-8, bad JSON (NaN and Infinity are not JSON), nesting deeper than
/// <see cref="MaxDepth"/>, unknown or repeated fields, missing fields, wrong types, strings too long or
/// with control characters, non-finite numbers and timestamps outside 2000–2100.
/// </summary>
public static class EnvelopeCodec
{
    /// <summary>Envelope version; a parser refuses any other.</summary>
    public const int Version = 1;

    /// <summary>Largest telemetry batch accepted.</summary>
    public const int MaxTelemetryBytes = 256 * 1024;

    /// <summary>Largest event, command or reply accepted.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    /// <summary>Deepest JSON nesting accepted (envelopes need 3).</summary>
    public const int MaxDepth = 5;

    /// <summary>Most points in one batch.</summary>
    public const int MaxPoints = 2000;

    /// <summary>Most entries in a values or args map.</summary>
    public const int MaxMapEntries = 32;

    /// <summary>Longest id, name, channel, unit or tag.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest message text.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>Earliest timestamp accepted: 2000-01-01T00:00Z.</summary>
    public const long MinUnixMs = 946_684_800_000;

    /// <summary>Latest timestamp accepted: 2100-01-01T00:00Z.</summary>
    public const long MaxUnixMs = 4_102_444_800_000;

    /// <summary>Longest a command may live from issue to expiry.</summary>
    public static readonly TimeSpan MaxCommandLifetime = TimeSpan.FromDays(1);

    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = MaxDepth };
    private static readonly string[] s_deviceFields = ["site", "building", "zone", "gateway", "class", "id"];
    private static readonly string[] s_telemetryFields = ["v", "seq", "device", "points"];
    private static readonly string[] s_pointFields = ["ch", "val", "unit", "q", "ts"];
    private static readonly string[] s_eventFields = ["v", "id", "kind", "device", "state", "severity", "started", "cleared", "values", "message"];
    private static readonly string[] s_commandFields = ["v", "id", "name", "device", "args", "issued", "expires", "nonce", "issuer", "sig"];
    private static readonly string[] s_replyFields = ["v", "id", "ok", "error", "message", "values"];

    /// <summary>Encodes a telemetry batch; non-finite values are written as <c>null</c>.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Write(128 + (batch.Points.Count * 80), w =>
        {
            w.WriteNumber("v", Version);
            w.WriteNumber("seq", batch.Sequence);
            WriteDevice(w, batch.Device);
            w.WriteStartArray("points");
            foreach (TelemetryPoint point in batch.Points)
            {
                w.WriteStartObject();
                w.WriteString("ch", point.Channel);
                WriteNumberOrNull(w, "val", point.Value);
                w.WriteString("unit", point.Unit);
                w.WriteString("q", QualityName(point.Quality));
                w.WriteNumber("ts", point.TimestampUnixMs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>Encodes an event.</summary>
    /// <param name="deviceEvent">The event.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        return Write(512, w =>
        {
            w.WriteNumber("v", Version);
            w.WriteString("id", deviceEvent.Id);
            w.WriteString("kind", deviceEvent.Kind);
            WriteDevice(w, deviceEvent.Device);
            w.WriteString("state", deviceEvent.State switch { EventState.Cleared => "cleared", EventState.Momentary => "momentary", _ => "active" });
            w.WriteString("severity", SeverityName(deviceEvent.Severity));
            w.WriteNumber("started", deviceEvent.StartedUnixMs);
            if (deviceEvent.ClearedUnixMs is long cleared)
            {
                w.WriteNumber("cleared", cleared);
            }

            WriteValues(w, deviceEvent.Values);
            w.WriteString("message", deviceEvent.Message);
        });
    }

    /// <summary>Encodes a command.</summary>
    /// <param name="command">The command.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(DeviceCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Write(384, w =>
        {
            w.WriteNumber("v", Version);
            w.WriteString("id", command.Id);
            w.WriteString("name", command.Name);
            w.WriteString("device", command.Device);
            w.WriteStartObject("args");
            foreach (KeyValuePair<string, CommandArgument> arg in command.Args)
            {
                if (arg.Value.Text is { } text)
                {
                    w.WriteString(arg.Key, text);
                }
                else
                {
                    w.WriteNumber(arg.Key, arg.Value.Number);
                }
            }

            w.WriteEndObject();
            w.WriteNumber("issued", command.IssuedUnixMs);
            w.WriteNumber("expires", command.ExpiresUnixMs);
            w.WriteString("nonce", command.Nonce);
            w.WriteString("issuer", command.Issuer);
            if (command.Signature is { } signature)
            {
                w.WriteString("sig", signature);
            }
        });
    }

    /// <summary>Encodes a command reply.</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(CommandReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Write(256, w =>
        {
            w.WriteNumber("v", Version);
            w.WriteString("id", reply.Id);
            w.WriteBoolean("ok", reply.Ok);
            if (!reply.Ok)
            {
                w.WriteString("error", reply.ErrorCode ?? CommandErrorCodes.BadRequest);
            }

            w.WriteString("message", reply.Message);
            WriteValues(w, reply.Values);
        });
    }

    /// <summary>Parses a telemetry batch.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The batch or the reason it was refused.</returns>
    public static PayloadParseResult<TelemetryBatch> ParseTelemetry(ReadOnlyMemory<byte> payload) =>
        payload.Length is > 0 and <= MaxTelemetryBytes && System.Text.Unicode.Utf8.IsValid(payload.Span) && PlainTelemetryReader.TryRead(payload.Span, out TelemetryBatch? plain)
            ? Ok(plain!)
            : ParseTelemetryStrict(payload);

    /// <summary>The strict reader alone, which names every problem (what <see cref="ParseTelemetry"/> falls back to).</summary>
    /// <param name="payload">UTF-8 JSON.</param>
    /// <returns>The batch or the reason it was refused.</returns>
    internal static PayloadParseResult<TelemetryBatch> ParseTelemetryStrict(ReadOnlyMemory<byte> payload) => Parse(payload, "telemetry", MaxTelemetryBytes, ReadTelemetry);

    /// <summary>Parses an event.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The event or the reason it was refused.</returns>
    public static PayloadParseResult<DeviceEvent> ParseEvent(ReadOnlyMemory<byte> payload) => Parse(payload, "event", MaxMessageBytes, ReadEvent);

    /// <summary>Parses a command (the signature, expiry and nonce are the handler's to check).</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The command or the reason it was refused.</returns>
    public static PayloadParseResult<DeviceCommand> ParseCommand(ReadOnlyMemory<byte> payload) => Parse(payload, "command", MaxMessageBytes, ReadCommand);

    /// <summary>Parses a command reply.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The reply or the reason it was refused.</returns>
    public static PayloadParseResult<CommandReply> ParseReply(ReadOnlyMemory<byte> payload) => Parse(payload, "reply", MaxMessageBytes, ReadReply);

    private static byte[] Write(int capacity, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDevice(Utf8JsonWriter w, DeviceTags device)
    {
        w.WriteStartObject("device");
        w.WriteString("site", device.Site);
        w.WriteString("building", device.Building);
        w.WriteString("zone", device.Zone);
        w.WriteString("gateway", device.Gateway);
        w.WriteString("class", device.DeviceClass);
        w.WriteString("id", device.DeviceId);
        w.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter w, IReadOnlyDictionary<string, double> values)
    {
        w.WriteStartObject("values");
        foreach (KeyValuePair<string, double> value in values)
        {
            WriteNumberOrNull(w, value.Key, value.Value);
        }

        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string QualityName(Quality quality) => quality switch
    {
        Quality.Good => "good",
        Quality.Stale => "stale",
        _ => "bad",
    };

    private static string SeverityName(EventSeverity severity) => severity switch
    {
        EventSeverity.Info => "info",
        EventSeverity.Warning => "warning",
        _ => "critical",
    };

    private static PayloadParseResult<T> Parse<T>(ReadOnlyMemory<byte> payload, string what, int maxBytes, Func<JsonElement, PayloadParseResult<T>> read)
        where T : class => JsonPayload.Parse(payload, what, maxBytes, s_options, read);

    private static PayloadParseResult<TelemetryBatch> ReadTelemetry(JsonElement root)
    {
        var f = new JsonFields(root, "telemetry");
        f.RejectUnknown(s_telemetryFields);
        _ = f.Whole("v", Version, Version);
        long sequence = f.Whole("seq", 0, long.MaxValue);
        DeviceTags device = ReadDevice(ref f);
        JsonElement? array = f.Array("points", MaxPoints);
        var points = new List<TelemetryPoint>(array is { } a ? a.GetArrayLength() : 0);
        if (f.Error is null && array is { } items)
        {
            int i = 0;
            foreach (JsonElement element in items.EnumerateArray())
            {
                var p = new JsonFields(element, "telemetry.points", i++);
                p.RejectUnknown(s_pointFields);
                string channel = Name(ref p, "ch");
                Quality quality = ReadQuality(ref p);
                double value = p.Number("val", double.MinValue, double.MaxValue, required: false);
                if (p.Error is null && quality == Quality.Good && IsNull(element, "val"))
                {
                    p.Reject("val", "is missing, and a good reading needs one");
                }

                string unit = p.Text("unit", MaxNameLength);
                long ts = p.Whole("ts", MinUnixMs, MaxUnixMs);
                f.Absorb(p);
                if (f.Error is not null)
                {
                    break;
                }

                points.Add(new TelemetryPoint(device, channel, IsNull(element, "val") ? double.NaN : value, unit, quality, ts));
            }
        }

        return f.Error is not null ? Fail<TelemetryBatch>(f.Error) : Ok(new TelemetryBatch(device, sequence, points));
    }

    private static PayloadParseResult<DeviceEvent> ReadEvent(JsonElement root)
    {
        var f = new JsonFields(root, "event");
        f.RejectUnknown(s_eventFields);
        _ = f.Whole("v", Version, Version);
        string id = Name(ref f, "id");
        string kind = Name(ref f, "kind");
        DeviceTags device = ReadDevice(ref f);
        EventState state = f.Text("state", 16) switch
        {
            "active" => EventState.Active,
            "cleared" => EventState.Cleared,
            "momentary" => EventState.Momentary,
            _ => Reject(ref f, "state", "must be active, cleared or momentary", EventState.Active),
        };
        EventSeverity severity = f.Text("severity", 16) switch
        {
            "info" => EventSeverity.Info,
            "warning" => EventSeverity.Warning,
            "critical" => EventSeverity.Critical,
            _ => Reject(ref f, "severity", "must be info, warning or critical", EventSeverity.Info),
        };
        long started = f.Whole("started", MinUnixMs, MaxUnixMs);
        long? cleared = f.WholeOrNull("cleared", MinUnixMs, MaxUnixMs);
        if (f.Error is null && (state == EventState.Cleared) != cleared.HasValue)
        {
            f.Reject("cleared", "must be present exactly when the state is cleared");
        }

        if (f.Error is null && cleared < started)
        {
            f.Reject("cleared", "is before started");
        }

        IReadOnlyDictionary<string, double> values = ReadValues(ref f, root);
        string message = Message(ref f);
        return f.Error is not null
            ? Fail<DeviceEvent>(f.Error)
            : Ok(new DeviceEvent(id, kind, device, state, severity, started, cleared, values, message));
    }

    private static PayloadParseResult<DeviceCommand> ReadCommand(JsonElement root)
    {
        var f = new JsonFields(root, "command");
        f.RejectUnknown(s_commandFields);
        _ = f.Whole("v", Version, Version);
        string id = Name(ref f, "id");
        string name = Name(ref f, "name");
        string device = f.Text("device", MaxNameLength);
        if (f.Error is null && !TopicScheme.IsValidLevel(device))
        {
            f.Reject("device", "is not a valid device id");
        }

        var args = new Dictionary<string, CommandArgument>(StringComparer.Ordinal);
        JsonFields argsObject = f.Object("args");
        if (argsObject.Error is null && Property(root, "args") is { } argsElement)
        {
            foreach (JsonProperty arg in argsElement.EnumerateObject())
            {
                if (args.Count >= MaxMapEntries || !IsName(arg.Name) || args.ContainsKey(arg.Name))
                {
                    f.Reject("args", "has too many, repeated or badly named entries");
                    break;
                }

                if (arg.Value.ValueKind == JsonValueKind.String && arg.Value.GetString() is { Length: <= MaxMessageLength } text && !HasControl(text))
                {
                    args[arg.Name] = CommandArgument.Of(text);
                }
                else if (arg.Value.ValueKind == JsonValueKind.Number && arg.Value.TryGetDouble(out double number) && double.IsFinite(number))
                {
                    args[arg.Name] = CommandArgument.Of(number);
                }
                else
                {
                    f.Reject("args." + arg.Name, "must be a finite number or a short string");
                    break;
                }
            }
        }

        f.Absorb(argsObject);
        long issued = f.Whole("issued", MinUnixMs, MaxUnixMs);
        long expires = f.Whole("expires", MinUnixMs, MaxUnixMs);
        if (f.Error is null && (expires <= issued || expires - issued > (long)MaxCommandLifetime.TotalMilliseconds))
        {
            f.Reject("expires", "must be after issued, within " + MaxCommandLifetime.ToString("c", CultureInfo.InvariantCulture));
        }

        string nonce = Name(ref f, "nonce");
        string issuer = Name(ref f, "issuer");
        string? signature = f.Text("sig", 128, required: false) is { Length: > 0 } sig ? sig : null;
        return f.Error is not null
            ? Fail<DeviceCommand>(f.Error)
            : Ok(new DeviceCommand(id, name, device, args, issued, expires, nonce, issuer, signature));
    }

    private static PayloadParseResult<CommandReply> ReadReply(JsonElement root)
    {
        var f = new JsonFields(root, "reply");
        f.RejectUnknown(s_replyFields);
        _ = f.Whole("v", Version, Version);
        string id = Name(ref f, "id");
        bool ok = f.Flag("ok");
        string? error = f.Text("error", 32, required: false) is { Length: > 0 } code ? code : null;
        if (f.Error is null && ok == error is not null)
        {
            f.Reject("error", "must be present exactly when ok is false");
        }

        string message = Message(ref f);
        IReadOnlyDictionary<string, double> values = ReadValues(ref f, root);
        return f.Error is not null
            ? Fail<CommandReply>(f.Error)
            : Ok(new CommandReply(id, ok, error, message, values));
    }

    private static DeviceTags ReadDevice(ref JsonFields parent)
    {
        JsonFields d = parent.Object("device");
        d.RejectUnknown(s_deviceFields);
        string site = Level(ref d, "site");
        string building = Name(ref d, "building", allowEmpty: true);
        string zone = Name(ref d, "zone", allowEmpty: true);
        string gateway = Level(ref d, "gateway");
        string deviceClass = Name(ref d, "class");
        string id = Level(ref d, "id");
        parent.Absorb(d);
        return new DeviceTags(site, building, zone, gateway, deviceClass, id);
    }

    private static Quality ReadQuality(ref JsonFields f) => f.Text("q", 8) switch
    {
        "good" => Quality.Good,
        "bad" => Quality.Bad,
        "stale" => Quality.Stale,
        _ => Reject(ref f, "q", "must be good, bad or stale", Quality.Bad),
    };

    private static Dictionary<string, double> ReadValues(ref JsonFields f, JsonElement root)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        JsonFields valuesObject = f.Object("values");
        f.Absorb(valuesObject);
        if (f.Error is not null || Property(root, "values") is not { } element)
        {
            return values;
        }

        foreach (JsonProperty value in element.EnumerateObject())
        {
            if (values.Count >= MaxMapEntries || !IsName(value.Name) || values.ContainsKey(value.Name))
            {
                f.Reject("values", "has too many, repeated or badly named entries");
                break;
            }

            if (value.Value.ValueKind == JsonValueKind.Null)
            {
                values[value.Name] = double.NaN;
            }
            else if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDouble(out double number) && double.IsFinite(number))
            {
                values[value.Name] = number;
            }
            else
            {
                f.Reject("values." + value.Name, "must be a finite number or null");
                break;
            }
        }

        return values;
    }

    private static JsonElement? Property(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static bool IsNull(JsonElement element, string name) =>
        !element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null;

    private static string Name(ref JsonFields f, string field, bool allowEmpty = false)
    {
        string text = f.Text(field, MaxNameLength);
        if (f.Error is null && ((!allowEmpty && text.Length == 0) || HasControl(text)))
        {
            f.Reject(field, "must be a non-empty name without control characters");
        }

        return text;
    }

    private static string Level(ref JsonFields f, string field)
    {
        string text = f.Text(field, MaxNameLength);
        if (f.Error is null && !TopicScheme.IsValidLevel(text))
        {
            f.Reject(field, "is not a valid topic level (empty, or holds '/', '+', '#' or a control character)");
        }

        return text;
    }

    private static string Message(ref JsonFields f) => f.Text("message", MaxMessageLength);

    private static bool IsName(string name) => name.Length is > 0 and <= MaxNameLength && !HasControl(name);

    /// <summary>Whether a text holds a C0 control character or DEL (names may not).</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when it does.</returns>
    internal static bool HasControl(string text) => text.AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 || text.Contains('\u007F', StringComparison.Ordinal);

    private static T Reject<T>(ref JsonFields f, string field, string problem, T fallback)
    {
        f.Reject(field, problem);
        return fallback;
    }

    private static PayloadParseResult<T> Ok<T>(T value)
        where T : class => new(value, null);

    private static PayloadParseResult<T> Fail<T>(string error)
        where T : class => new(null, error);
}
