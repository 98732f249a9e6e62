using MQTTnet.Protocol;

namespace Hpms.Edge.Uplink;

/// <summary>The MQTT uplink to the cloud's broker (configuration section <c>Uplink:Mqtt</c>).</summary>
public sealed class MqttUplinkOptions
{
    /// <summary>Gets or sets whether the MQTT sink runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the broker host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the broker port (8883 with TLS).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Gets or sets the client id (default: the gateway id).</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the user name (default: the gateway id).</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Gets or sets the environment variable holding the password (never the password itself).</summary>
    public string PasswordEnv { get; set; } = "HPMS_EDGE_MQTT_PASSWORD";

    /// <summary>Gets or sets whether to use TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>Gets or sets a PEM file of the CA that signed the broker's certificate (the system store when empty; needs <see cref="UseTls"/>).</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>Gets or sets the QoS of telemetry (events and replies are always QoS 1).</summary>
    public MqttQualityOfServiceLevel TelemetryQos { get; set; } = MqttQualityOfServiceLevel.AtLeastOnce;

    /// <summary>Gets or sets how long the broker keeps the session while the gateway is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the connect and publish timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
