namespace Hpms.Cloud.Ingest;

/// <summary>Why a message was dead-lettered: the counter label (the stored reason adds the detail).</summary>
public static class DeadLetterReasons
{
    /// <summary>The topic is not a gateway's telemetry, event or state topic.</summary>
    public const string BadTopic = "bad-topic";

    /// <summary>The payload is over <see cref="IngestOptions.MaxPayloadBytes"/> (refused before parsing).</summary>
    public const string TooLarge = "too-large";

    /// <summary>A point or event timestamp is further ahead of the cloud's clock than <see cref="IngestOptions.MaxTimestampLead"/>.</summary>
    public const string FutureTimestamp = "future-timestamp";

    /// <summary>The payload failed the envelope's parse (the detail names the field).</summary>
    public const string BadPayload = "bad-payload";

    /// <summary>The payload's site, gateway or device differs from the topic's.</summary>
    public const string TopicMismatch = "topic-mismatch";

    /// <summary>The device is not registered and auto-registration is off.</summary>
    public const string UnknownDevice = "unknown-device";

    /// <summary>Handling failed in a way a retry cannot heal (a bug or data a consumer cannot take).</summary>
    public const string ProcessingFailed = "processing-failed";
}
