namespace Hpms.Simulators.Devices;

/// <summary>A message received by an MQTT-native device's link.</summary>
/// <param name="Topic">Topic it arrived on.</param>
/// <param name="Payload">Untrusted payload bytes.</param>
/// <param name="ResponseTopic">MQTT 5 response topic, or null.</param>
/// <param name="CorrelationData">MQTT 5 correlation data, or null.</param>
public sealed record MqttInboundMessage(string Topic, ReadOnlyMemory<byte> Payload, string? ResponseTopic, byte[]? CorrelationData);
