using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Hpms.Protocols.MqttDevices;

/// <summary>
/// JSON payloads of the MQTT-native smart supply cabinet (firmware-protocols/devices/
/// smart-supply-cabinet-mqtt.md). Encoding writes compact UTF-8; parsing takes untrusted bytes and
/// never throws: oversize, bad JSON (including NaN, which JSON cannot spell), nesting deeper than
/// <see cref="MaxDepth"/>, wrong types, missing fields and out-of-range values all come back as a
/// <see cref="PayloadParseResult{T}"/> with the reason. Unknown fields are ignored.
/// </summary>
public static class CabinetPayloadCodec
{
    /// <summary>Largest payload accepted (a 24-bin report is about 3 KiB).</summary>
    public const int MaxPayloadBytes = 16 * 1024;

    /// <summary>Deepest JSON nesting accepted (a report needs 3).</summary>
    public const int MaxDepth = 8;

    /// <summary>Most bins a report may carry.</summary>
    public const int MaxBins = 64;

    /// <summary>Longest command id.</summary>
    public const int MaxCommandIdLength = 64;

    /// <summary>Longest unlock accepted.</summary>
    public const int MaxUnlockSeconds = 300;

    /// <summary>Bins a cabinet has (SSC-24), bounding light commands.</summary>
    public const int CabinetBins = 24;

    private const int Version = 1;

    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = MaxDepth };

    /// <summary>Encodes a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(CabinetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new ArrayBufferWriter<byte>(256 + (report.Bins.Count * 128));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Header(w, report.DeviceId, report.Sequence, report.TimeUnixMs);
            w.WriteStartObject("door");
            w.WriteBoolean("open", report.DoorOpen);
            w.WriteNumber("openSeconds", report.DoorOpenSeconds);
            w.WriteBoolean("forced", report.DoorForced);
            w.WriteEndObject();
            w.WriteStartObject("lock");
            w.WriteBoolean("engaged", report.LockEngaged);
            w.WriteBoolean("lockdown", report.Lockdown);
            w.WriteEndObject();
            w.WriteStartObject("status");
            w.WriteBoolean("tamper", report.Tamper);
            w.WriteBoolean("powerFail", report.PowerFail);
            w.WriteEndObject();
            w.WriteStartObject("badge");
            w.WriteNumber("last", report.LastBadge);
            w.WriteNumber("events", report.BadgeEvents);
            w.WriteEndObject();
            w.WriteStartArray("bins");
            foreach (CabinetBinReport bin in report.Bins)
            {
                w.WriteStartObject();
                w.WriteNumber("bin", bin.Bin);
                w.WriteNumber("item", bin.ItemCode);
                w.WriteNumber("count", bin.Count);
                w.WriteString("lot", bin.Lot);
                w.WriteNumber("expiry", bin.Expiry);
                w.WriteNumber("par", bin.Par);
                w.WriteNumber("reorder", bin.ReorderPoint);
                w.WriteBoolean("light", bin.Light);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes an event.</summary>
    /// <param name="cabinetEvent">The event.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(CabinetEvent cabinetEvent)
    {
        ArgumentNullException.ThrowIfNull(cabinetEvent);
        var buffer = new ArrayBufferWriter<byte>(192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Header(w, cabinetEvent.DeviceId, cabinetEvent.Sequence, cabinetEvent.TimeUnixMs);
            w.WriteString("kind", cabinetEvent.Kind);
            w.WriteNumber("bin", cabinetEvent.Bin);
            w.WriteNumber("badge", cabinetEvent.Badge);
            w.WriteNumber("count", cabinetEvent.Count);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes a command.</summary>
    /// <param name="command">The command.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(CabinetCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", command.Id);
            w.WriteString("cmd", command.Name);
            if (command.ExpiresUnixMs is long expires)
            {
                w.WriteNumber("expires", expires);
            }

            switch (command.Name)
            {
                case CabinetCommandNames.Unlock:
                    w.WriteNumber("badge", command.Badge);
                    w.WriteNumber("seconds", command.Seconds);
                    break;
                case CabinetCommandNames.Light:
                    w.WriteStartArray("bins");
                    foreach (int bin in command.Bins ?? [])
                    {
                        w.WriteNumberValue(bin);
                    }

                    w.WriteEndArray();
                    break;
                case CabinetCommandNames.Lockdown:
                    w.WriteBoolean("on", command.On);
                    break;
                default:
                    break;
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes a reply.</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(CabinetCommandReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", reply.Id);
            w.WriteBoolean("ok", reply.Ok);
            if (!reply.Ok)
            {
                w.WriteString("error", reply.Error ?? CabinetCommandErrors.BadRequest);
                w.WriteString("reason", reply.Reason ?? string.Empty);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a report.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The report or the reason it was refused.</returns>
    public static PayloadParseResult<CabinetReport> ParseReport(ReadOnlyMemory<byte> payload) => Parse(payload, "report", ReadReport);

    /// <summary>Parses an event.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The event or the reason it was refused.</returns>
    public static PayloadParseResult<CabinetEvent> ParseEvent(ReadOnlyMemory<byte> payload) => Parse(payload, "event", ReadEvent);

    /// <summary>
    /// Parses a command. A command with a well-formed id but bad fields is refused with that id
    /// readable through <see cref="TryReadCommandId"/>, so the reply can still name it.
    /// </summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The command or the reason it was refused.</returns>
    public static PayloadParseResult<CabinetCommand> ParseCommand(ReadOnlyMemory<byte> payload) => Parse(payload, "command", ReadCommand);

    /// <summary>Parses a reply.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The reply or the reason it was refused.</returns>
    public static PayloadParseResult<CabinetCommandReply> ParseReply(ReadOnlyMemory<byte> payload) => Parse(payload, "reply", ReadReply);

    /// <summary>Reads just the <c>id</c> of a (possibly invalid) command, for the error reply.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The id, or empty when there is none usable.</returns>
    public static string TryReadCommandId(ReadOnlyMemory<byte> payload)
    {
        PayloadParseResult<IdOnly> id = Parse(payload, "command", static root =>
        {
            var fields = new JsonFields(root, "command");
            string text = fields.Text("id", MaxCommandIdLength);
            return fields.Error is null ? Ok<IdOnly>(new IdOnly(text)) : Fail<IdOnly>(fields.Error);
        });
        return id.IsOk ? id.Value.Id : string.Empty;
    }

    /// <summary>Unix milliseconds of a time, the contract's clock unit.</summary>
    /// <param name="time">Any offset.</param>
    /// <returns>UTC milliseconds since the epoch.</returns>
    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static void Header(Utf8JsonWriter w, string deviceId, long sequence, long timeUnixMs)
    {
        w.WriteNumber("v", Version);
        w.WriteString("device", deviceId);
        w.WriteNumber("seq", sequence);
        w.WriteNumber("time", timeUnixMs);
    }

    private static PayloadParseResult<T> Parse<T>(ReadOnlyMemory<byte> payload, string what, Func<JsonElement, PayloadParseResult<T>> read)
        where T : class => JsonPayload.Parse(payload, what, MaxPayloadBytes, s_options, read);

    private static PayloadParseResult<CabinetReport> ReadReport(JsonElement root)
    {
        var f = new JsonFields(root, "report");
        (string device, long seq, long time) = ReadHeader(ref f);
        JsonFields door = f.Object("door");
        bool doorOpen = door.Flag("open");
        int openSeconds = (int)door.Whole("openSeconds", 0, 65535);
        bool forced = door.Flag("forced");
        f.Absorb(door);
        JsonFields lockState = f.Object("lock");
        bool engaged = lockState.Flag("engaged");
        bool lockdown = lockState.Flag("lockdown");
        f.Absorb(lockState);
        JsonFields status = f.Object("status");
        bool tamper = status.Flag("tamper");
        bool powerFail = status.Flag("powerFail");
        f.Absorb(status);
        JsonFields badge = f.Object("badge");
        long last = badge.Whole("last", 0, uint.MaxValue);
        long events = badge.Whole("events", 0, uint.MaxValue);
        f.Absorb(badge);
        JsonElement? binsArray = f.Array("bins", MaxBins);
        List<CabinetBinReport> bins = [];
        if (binsArray is { } array)
        {
            int i = 0;
            foreach (JsonElement element in array.EnumerateArray())
            {
                var b = new JsonFields(element, "report.bins", i++);
                var bin = new CabinetBinReport(
                    (int)b.Whole("bin", 1, MaxBins),
                    b.Whole("item", 0, uint.MaxValue),
                    (int)b.Whole("count", 0, 65535),
                    b.Text("lot", 16),
                    (int)b.Whole("expiry", 0, 99991231),
                    (int)b.Whole("par", 0, 65535),
                    (int)b.Whole("reorder", 0, 65535),
                    b.Flag("light"));
                f.Absorb(b);
                bins.Add(bin);
            }
        }

        return f.Error is not null
            ? Fail<CabinetReport>(f.Error)
            : Ok<CabinetReport>(new CabinetReport(device, seq, time, doorOpen, openSeconds, forced, engaged, lockdown, tamper, powerFail, last, events, bins));
    }

    private static PayloadParseResult<CabinetEvent> ReadEvent(JsonElement root)
    {
        var f = new JsonFields(root, "event");
        (string device, long seq, long time) = ReadHeader(ref f);
        string kind = f.Text("kind", 32);
        int bin = (int)(f.WholeOrNull("bin", 0, MaxBins) ?? 0);
        long badge = f.WholeOrNull("badge", 0, uint.MaxValue) ?? 0;
        int count = (int)(f.WholeOrNull("count", 0, 65535) ?? 0);
        if (f.Error is null && kind.Length == 0)
        {
            return Fail<CabinetEvent>("event.kind: is empty");
        }

        return f.Error is not null
            ? Fail<CabinetEvent>(f.Error)
            : Ok<CabinetEvent>(new CabinetEvent(device, seq, time, kind, bin, badge, count));
    }

    private static PayloadParseResult<CabinetCommand> ReadCommand(JsonElement root)
    {
        var f = new JsonFields(root, "command");
        string id = f.Text("id", MaxCommandIdLength);
        string name = f.Text("cmd", 32);
        long? expires = f.WholeOrNull("expires", 0, long.MaxValue);
        if (f.Error is null && id.Length == 0)
        {
            return Fail<CabinetCommand>("command.id: is empty");
        }

        CabinetCommand? command = null;
        switch (name)
        {
            case CabinetCommandNames.Unlock:
                long badge = f.Whole("badge", 0, uint.MaxValue);
                int seconds = (int)f.Whole("seconds", 1, MaxUnlockSeconds);
                command = new CabinetCommand(id, name, expires, Badge: badge, Seconds: seconds);
                break;
            case CabinetCommandNames.Light:
                List<int> bins = [];
                if (f.Array("bins", CabinetBins) is { } array)
                {
                    foreach (JsonElement element in array.EnumerateArray())
                    {
                        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int bin) || bin < 1 || bin > CabinetBins)
                        {
                            return Fail<CabinetCommand>(string.Create(CultureInfo.InvariantCulture, $"command.bins: each must be a whole number in 1..{CabinetBins}"));
                        }

                        bins.Add(bin);
                    }
                }

                command = new CabinetCommand(id, name, expires, Bins: bins);
                break;
            case CabinetCommandNames.Lockdown:
                command = new CabinetCommand(id, name, expires, On: f.Flag("on"));
                break;
            default:
                if (f.Error is null)
                {
                    return Fail<CabinetCommand>("command.cmd: unknown command '" + name + "'");
                }

                break;
        }

        return f.Error is not null || command is null
            ? Fail<CabinetCommand>(f.Error ?? "command: unreadable")
            : Ok<CabinetCommand>(command);
    }

    private static PayloadParseResult<CabinetCommandReply> ReadReply(JsonElement root)
    {
        var f = new JsonFields(root, "reply");
        string id = f.Text("id", MaxCommandIdLength);
        bool ok = f.Flag("ok");
        string? error = ok ? null : f.Text("error", 32);
        string? reason = ok ? null : f.Text("reason", 512, required: false);
        return f.Error is not null
            ? Fail<CabinetCommandReply>(f.Error)
            : Ok<CabinetCommandReply>(new CabinetCommandReply(id, ok, error, reason));
    }

    private static (string Device, long Sequence, long Time) ReadHeader(ref JsonFields f)
    {
        _ = f.Whole("v", Version, Version);
        string device = f.Text("device", CabinetTopics.MaxDeviceIdLength);
        long seq = f.Whole("seq", 0, long.MaxValue);
        long time = f.Whole("time", 0, 253_402_300_799_999); // up to 9999-12-31
        if (f.Error is null && !CabinetTopics.IsValidDeviceId(device))
        {
            f.Reject("device", "is not a valid device id");
        }

        return (device, seq, time);
    }

    private static PayloadParseResult<T> Ok<T>(T value)
        where T : class => new(value, null);

    private static PayloadParseResult<T> Fail<T>(string error)
        where T : class => new(null, error);

    /// <summary>Just a command id.</summary>
    private sealed record IdOnly(string Id);
}
