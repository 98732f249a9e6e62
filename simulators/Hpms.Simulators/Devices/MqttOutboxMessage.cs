namespace Hpms.Simulators.Devices;

/// <summary>A message an MQTT-native device wants published (never retained).</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Payload">Payload bytes.</param>
/// <param name="AtLeastOnce">QoS 1 when true, else QoS 0.</param>
/// <param name="CorrelationData">MQTT 5 correlation data to echo (replies), or null.</param>
public sealed record MqttOutboxMessage(string Topic, byte[] Payload, bool AtLeastOnce, byte[]? CorrelationData = null);
