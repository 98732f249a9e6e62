using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// The outcome of checking one MQTT message: exactly one of <see cref="Batch"/>, <see cref="Event"/> or
/// <see cref="State"/> when accepted, or a <see cref="Reason"/> (counter label) and <see cref="Detail"/> when refused.
/// </summary>
/// <param name="Topic">The parsed topic (null when the topic itself was refused).</param>
/// <param name="Batch">The telemetry batch.</param>
/// <param name="Event">The event.</param>
/// <param name="State">The device state.</param>
/// <param name="Reason">A <see cref="DeadLetterReasons"/> value when refused.</param>
/// <param name="Detail">What exactly was wrong, when refused.</param>
public sealed record ValidatedMessage(IngestTopic? Topic, TelemetryBatch? Batch, DeviceEvent? Event, DeviceState? State, string? Reason, string? Detail)
{
    /// <summary>Gets a value indicating whether the message was accepted.</summary>
    public bool IsAccepted => Reason is null;

    /// <summary>A refusal.</summary>
    /// <param name="topic">The parsed topic, if any.</param>
    /// <param name="reason">The counter label.</param>
    /// <param name="detail">The detail.</param>
    /// <returns>The outcome.</returns>
    public static ValidatedMessage Refused(IngestTopic? topic, string reason, string detail) => new(topic, null, null, null, reason, detail);
}
