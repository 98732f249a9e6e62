namespace Hpms.Simulators.Devices;

/// <summary>
/// A simulated device that speaks MQTT itself rather than serving registers. The device stays
/// free of networking: it fills an outbox during <see cref="SimulatedDevice.Advance"/> and takes
/// commands; an <see cref="Endpoints.MqttDeviceLink"/> moves both over a real broker.
/// </summary>
public interface IMqttNativeDevice
{
    /// <summary>Gets the device id (also its MQTT client id and username by convention).</summary>
    string DeviceId { get; }

    /// <summary>Gets the topic filters to subscribe to (QoS 1), e.g. its own command topic.</summary>
    IReadOnlyList<string> Subscriptions { get; }

    /// <summary>Moves waiting messages, oldest first, into <paramref name="into"/>; thread-safe.</summary>
    /// <param name="into">Receives the messages.</param>
    /// <param name="max">Most to move.</param>
    /// <returns>How many were moved.</returns>
    int DrainOutbox(ICollection<MqttOutboxMessage> into, int max);

    /// <summary>Takes a message that arrived on a subscribed topic; thread-safe, never throws on bad payloads.</summary>
    /// <param name="message">The message.</param>
    void HandleCommand(MqttInboundMessage message);
}
