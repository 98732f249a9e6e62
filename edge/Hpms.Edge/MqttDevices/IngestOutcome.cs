namespace Hpms.Edge.MqttDevices;

/// <summary>What became of one message from an MQTT-native device.</summary>
public enum IngestOutcome
{
    /// <summary>A report, normalised into a reading.</summary>
    Reading,

    /// <summary>A valid event (counted).</summary>
    Event,

    /// <summary>The codec refused the payload (counted per device).</summary>
    BadPayload,

    /// <summary>From a device id that is not configured, or a payload naming another device than its topic (counted, ignored).</summary>
    UnknownDevice,

    /// <summary>The same sequence again (QoS 1 redelivery), dropped.</summary>
    Duplicate,

    /// <summary>A topic that is neither a report nor an event (ignored).</summary>
    IgnoredTopic,
}
