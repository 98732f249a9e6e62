using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Checks every message before anything is written: the topic is a gateway topic, the payload parses with
/// <see cref="EnvelopeCodec"/> (never throws, names the field), and the payload's device tags are the
/// topic's site, gateway and device — a gateway cannot speak for a device on another topic.
/// </summary>
public static class MessageValidator
{
    /// <summary>Validates one message.</summary>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="payload">Untrusted bytes.</param>
    /// <returns>The accepted content or the refusal.</returns>
    public static ValidatedMessage Validate(string topic, ReadOnlyMemory<byte> payload)
    {
        IngestTopic? parsed = IngestTopic.Parse(topic);
        if (parsed is null)
        {
            return ValidatedMessage.Refused(null, DeadLetterReasons.BadTopic, "not hpms/v1/{site}/{gateway}/{device}/telemetry|event|state");
        }

        switch (parsed.Kind)
        {
            case IngestMessageKind.Telemetry:
                PayloadParseResult<TelemetryBatch> batch = EnvelopeCodec.ParseTelemetry(payload);
                return !batch.IsOk ? ValidatedMessage.Refused(parsed, DeadLetterReasons.BadPayload, batch.Error)
                    : Mismatch(parsed, batch.Value.Device) ?? new ValidatedMessage(parsed, batch.Value, null, null, null, null);
            case IngestMessageKind.Event:
                PayloadParseResult<DeviceEvent> e = EnvelopeCodec.ParseEvent(payload);
                return !e.IsOk ? ValidatedMessage.Refused(parsed, DeadLetterReasons.BadPayload, e.Error)
                    : Mismatch(parsed, e.Value.Device) ?? new ValidatedMessage(parsed, null, e.Value, null, null, null);
            default:
                return DeviceState.TryParse(payload, out DeviceState? state, out string? error)
                    ? new ValidatedMessage(parsed, null, null, state, null, null)
                    : ValidatedMessage.Refused(parsed, DeadLetterReasons.BadPayload, error ?? "state: unreadable");
        }
    }

    private static ValidatedMessage? Mismatch(IngestTopic topic, DeviceTags device) =>
        topic.Matches(device)
            ? null
            : ValidatedMessage.Refused(
                topic,
                DeadLetterReasons.TopicMismatch,
                $"payload device {device.Site}/{device.Gateway}/{device.DeviceId} is not the topic's {topic.Site}/{topic.Gateway}/{topic.Device}");
}
