using Hpms.Protocols.AzureIotHub;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;

namespace Hpms.Edge.Uplink.IotHub;

/// <summary>
/// The device-to-cloud topic of one buffered message: <c>devices/{hub device}/messages/events/</c> with
/// the system properties content type and encoding (so hub routing can query the JSON body) and
/// application properties saying what the body is and which field device it is about.
/// </summary>
public static class IotHubMessageTopic
{
    /// <summary>Content type of every body (the JSON envelopes of docs/mqtt-contract.md).</summary>
    public const string ContentType = "application/json";

    /// <summary>Content encoding of every body.</summary>
    public const string ContentEncoding = "utf-8";

    /// <summary>Application property: <c>telemetry</c> or <c>event</c>.</summary>
    public const string KindProperty = "hpms-kind";

    /// <summary>Application property: the field device's id.</summary>
    public const string DeviceProperty = "hpms-device";

    /// <summary>Application property: the field device's class.</summary>
    public const string ClassProperty = "hpms-class";

    /// <summary>Builds the topic.</summary>
    /// <param name="hubDeviceId">The gateway's IoT Hub device id.</param>
    /// <param name="device">The field device the message is about.</param>
    /// <param name="kind">Telemetry or event.</param>
    /// <returns>The topic with its property bag.</returns>
    public static string For(string hubDeviceId, DeviceTags device, RecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(device);
        return IotHubMqttTopics.Telemetry(hubDeviceId,
        [
            new(IotHubMqttTopics.ContentTypeProperty, ContentType),
            new(IotHubMqttTopics.ContentEncodingProperty, ContentEncoding),
            new(KindProperty, kind == RecordKind.Event ? "event" : "telemetry"),
            new(DeviceProperty, device.DeviceId),
            new(ClassProperty, device.DeviceClass),
        ]);
    }
}
