namespace Hpms.Cloud.Commands;

/// <summary>
/// Configuration section <c>Commands</c>: the API's own MQTT client to the gateways' broker, how long a
/// command lives and is waited for, and each gateway's signing key (by the variable or file holding it).
/// </summary>
public sealed class CommandOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Commands";

    /// <summary>Gets or sets the broker host; empty disables commands (the endpoint answers 503).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the broker port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Gets or sets the MQTT user name.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the environment variable holding the MQTT password.</summary>
    public string? PasswordEnv { get; set; }

    /// <summary>Gets or sets the file holding the MQTT password (used before <see cref="PasswordEnv"/>).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Gets or sets whether the connection uses TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>Gets or sets a PEM file of the CA that signed the broker's certificate (the system store when empty; needs <see cref="UseTls"/>).</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>Gets or sets the client id; empty → <c>hpms-cloud-cmd-&lt;random&gt;</c>. It is also the last level of the reply topics, so each instance gets only its own replies.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets how long a command is valid after it is issued (at most <c>EnvelopeCodec.MaxCommandLifetime</c>, and within the gateways' replay window).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long the API waits for the gateway's reply before recording <c>timed_out</c>.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the MQTT connect and publish timeout.</summary>
    public TimeSpan MqttTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the signing key of each gateway, by gateway id.</summary>
    public IDictionary<string, CommandKeySource> Keys { get; } = new Dictionary<string, CommandKeySource>(StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether commands are configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
