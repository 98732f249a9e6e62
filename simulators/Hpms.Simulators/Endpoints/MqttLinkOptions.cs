namespace Hpms.Simulators.Endpoints;

/// <summary>How one MQTT-native device reaches the broker.</summary>
/// <param name="Host">Broker host.</param>
/// <param name="Port">Broker port.</param>
/// <param name="ClientId">MQTT client id (the device id by convention).</param>
/// <param name="Username">Username, or null for none.</param>
/// <param name="PasswordEnv">Name of the environment variable holding the password (never the password itself).</param>
/// <param name="UseTls">Connect with TLS.</param>
public sealed record MqttLinkOptions(string Host, int Port, string ClientId, string? Username = null, string? PasswordEnv = null, bool UseTls = false)
{
    /// <summary>Gets how long the broker keeps the session (and queued QoS 1 commands) while the device is away.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets how often the outbox is drained.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the first reconnect delay; it doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets the longest reconnect delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
