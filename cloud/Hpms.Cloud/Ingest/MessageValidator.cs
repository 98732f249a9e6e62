using System.Globalization;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Checks every message before anything is written: the topic is a gateway topic, the payload parses with
/// <see cref="EnvelopeCodec"/> (never throws, names the field), and the payload's device tags are the
/// topic's site, gateway and device — a gateway cannot speak for a device on another topic. Payloads over
/// <see cref="IngestOptions.MaxPayloadBytes"/> are refused unparsed; timestamps beyond now +
/// <see cref="IngestOptions.MaxTimestampLead"/> are refused after parsing.
/// </summary>
public static class MessageValidator
{
    private static readonly IngestOptions s_defaults = new();

    /// <summary>Validates one message with the default limits (<see cref="IngestOptions"/>) and the system clock.</summary>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The accepted content or the refusal.</returns>
    public static ValidatedMessage Validate(string topic, ReadOnlyMemory<byte> payload) =>
        Validate(topic, payload, s_defaults, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Validates one message: topic, size limit, envelope, device tags, then the timestamp lead.</summary>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="payload">Untrusted bytes.</param>
    /// <param name="limits">Validated options (<see cref="IngestOptions.MaxPayloadBytes"/>, <see cref="IngestOptions.MaxTimestampLead"/>).</param>
    /// <param name="nowUnixMs">The cloud's clock.</param>
    /// <returns>The accepted content or the refusal.</returns>
    public static ValidatedMessage Validate(string topic, ReadOnlyMemory<byte> payload, IngestOptions limits, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(limits);
        IngestTopic? parsed = IngestTopic.Parse(topic);
        if (parsed is null)
        {
            return ValidatedMessage.Refused(null, DeadLetterReasons.BadTopic, "not hpms/v1/{site}/{gateway}/{device}/telemetry|event|state");
        }

        if (payload.Length > limits.MaxPayloadBytes)
        {
            return ValidatedMessage.Refused(parsed, DeadLetterReasons.TooLarge, string.Create(CultureInfo.InvariantCulture, $"{payload.Length} bytes is over Ingest:MaxPayloadBytes ({limits.MaxPayloadBytes})"));
        }

        long latest = nowUnixMs + (long)limits.MaxTimestampLead.TotalMilliseconds;

        switch (parsed.Kind)
        {
            case IngestMessageKind.Telemetry:
                PayloadParseResult<TelemetryBatch> batch = EnvelopeCodec.ParseTelemetry(payload);
                return !batch.IsOk ? ValidatedMessage.Refused(parsed, DeadLetterReasons.BadPayload, batch.Error)
                    : Mismatch(parsed, batch.Value.Device) ?? Future(parsed, Newest(batch.Value), latest) ?? new ValidatedMessage(parsed, batch.Value, null, null, null, null);
            case IngestMessageKind.Event:
                PayloadParseResult<DeviceEvent> e = EnvelopeCodec.ParseEvent(payload);
                return !e.IsOk ? ValidatedMessage.Refused(parsed, DeadLetterReasons.BadPayload, e.Error)
                    : Mismatch(parsed, e.Value.Device) ?? Future(parsed, Math.Max(e.Value.StartedUnixMs, e.Value.ClearedUnixMs ?? 0), latest)
                        ?? new ValidatedMessage(parsed, null, e.Value, null, null, null);
            default:
                return DeviceState.TryParse(payload, out DeviceState? state, out string? error)
                    ? new ValidatedMessage(parsed, null, null, state, null, null)
                    : ValidatedMessage.Refused(parsed, DeadLetterReasons.BadPayload, error ?? "state: unreadable");
        }
    }

    private static long Newest(TelemetryBatch batch)
    {
        long newest = 0;
        foreach (TelemetryPoint point in batch.Points)
        {
            newest = Math.Max(newest, point.TimestampUnixMs);
        }

        return newest;
    }

    private static ValidatedMessage? Future(IngestTopic topic, long timestampUnixMs, long latestUnixMs) =>
        timestampUnixMs <= latestUnixMs
            ? null
            : ValidatedMessage.Refused(
                topic,
                DeadLetterReasons.FutureTimestamp,
                string.Create(CultureInfo.InvariantCulture, $"timestamp {timestampUnixMs} is {TimeSpan.FromMilliseconds(timestampUnixMs - latestUnixMs):c} past now + Ingest:MaxTimestampLead"));

    private static ValidatedMessage? Mismatch(IngestTopic topic, DeviceTags device) =>
        topic.Matches(device)
            ? null
            : ValidatedMessage.Refused(
                topic,
                DeadLetterReasons.TopicMismatch,
                $"payload device {device.Site}/{device.Gateway}/{device.DeviceId} is not the topic's {topic.Site}/{topic.Gateway}/{topic.Device}");
}
