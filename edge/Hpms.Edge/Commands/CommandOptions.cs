namespace Hpms.Edge.Commands;

/// <summary>
/// Commands from the cloud (configuration section <c>Commands</c>). The MQTT connection reuses
/// <c>Uplink:Mqtt</c> (host, port, user, password variable, TLS) with its own client id.
/// </summary>
public sealed class CommandOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Commands";

    /// <summary>Gets or sets whether the gateway takes commands at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the environment variable holding the HMAC key, base64 (at least 32 bytes decoded).</summary>
    public string KeyEnv { get; set; } = "HPMS_EDGE_COMMAND_KEY";

    /// <summary>Gets or sets whether unsigned commands are refused (false only where the broker's ACL alone authenticates the cloud).</summary>
    public bool RequireSignature { get; set; } = true;

    /// <summary>Gets or sets how far the cloud's clock may be from the gateway's.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the longest command lifetime (expiry − issue) accepted; a command's id and nonce are
    /// remembered until its expiry plus the skew, so this bounds the replay memory.
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the most ids and nonces remembered; when full, new commands are refused (fail closed).</summary>
    public int MaxReplayEntries { get; set; } = 100_000;

    /// <summary>Gets or sets the replay memory file (default: <c>commands-replay.txt</c> in <c>Uplink:StateDirectory</c>).</summary>
    public string ReplayFile { get; set; } = string.Empty;

    /// <summary>Gets or sets the audit log, JSON lines (default: <c>commands-audit.jsonl</c> in <c>Uplink:StateDirectory</c>).</summary>
    public string AuditFile { get; set; } = string.Empty;

    /// <summary>Gets or sets how long a command's Modbus writes may take, waiting for the line included.</summary>
    public TimeSpan ExecuteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the suffix of the command client's id (after the uplink's client id or the gateway id).</summary>
    public string ClientIdSuffix { get; set; } = "-cmd";
}
