using System.Globalization;

namespace Hpms.Cloud.Ingest;

/// <summary>The MQTT ingest: broker, session, shared group and how unknown devices and bad payloads are treated (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest";

    /// <summary>Gets or sets whether the ingest runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the broker host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the broker port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Gets or sets the user name (none when empty).</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Gets or sets the environment variable holding the password (never the password itself).</summary>
    public string PasswordEnv { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the MQTT client id. Default: <c>hpms-cloud-{machine}-{pid}</c>, unique per instance. Give each
    /// instance a stable id in production (e.g. the pod name): the broker keeps a session's unacknowledged
    /// messages for that id, so a restarted instance with the same id gets them back.
    /// </summary>
    public string ClientId { get; set; } = string.Create(CultureInfo.InvariantCulture, $"hpms-cloud-{Environment.MachineName}-{Environment.ProcessId}");

    /// <summary>Gets or sets the MQTT 5 shared-subscription group instances split the load in; empty = plain subscriptions (every instance gets everything).</summary>
    public string SharedGroup { get; set; } = "hpms-cloud";

    /// <summary>Gets or sets whether the connection uses TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>Gets or sets a PEM file of the CA that signed the broker's certificate (the system store when empty).</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>Gets or sets how long the broker keeps the session (and queues QoS 1 messages) while the instance is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the connect timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the first wait before reconnecting (doubles up to <see cref="MaxReconnectDelay"/>).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest wait between retries of a message the database could not take.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how many messages are handled at once (those of one topic always one after another). More
    /// than a few only makes writers queue for the database: SQLite takes one writer at a time, and its
    /// waiting writers each hold a thread.
    /// </summary>
    public int MaxConcurrentMessages { get; set; } = 8;

    /// <summary>
    /// Gets or sets whether devices not in the <c>devices</c> table are registered from their payload's tags
    /// (true) or their telemetry and events are dead-lettered as <c>unknown-device</c> (false).
    /// </summary>
    public bool AutoRegisterDevices { get; set; } = true;

    /// <summary>Gets or sets how often a device's <c>last_seen_ms</c> is written at most (the rest of its messages only touch memory).</summary>
    public TimeSpan DeviceTouchInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the largest MQTT payload handled, in bytes (default 256 KiB, the telemetry envelope's own limit).
    /// A bigger one is dead-lettered as <c>too-large</c> before it is parsed; only its first this-many bytes are kept.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Gets or sets how far ahead of the cloud's clock a telemetry point or event timestamp may be (default 7 days:
    /// room for a badly set gateway clock and for simulators run faster than real time, none for a clock years off).
    /// Later ones are dead-lettered as <c>future-timestamp</c>; the envelope already refuses anything before 2000.
    /// </summary>
    public TimeSpan MaxTimestampLead { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets how many dead letters are stored per second at most (all are counted).</summary>
    public int MaxDeadLettersPerSecond { get; set; } = 20;

    /// <summary>Gets or sets the folder of the time-series sink's durable buffer.</summary>
    public string StateDirectory { get; set; } = "state";

    /// <summary>Gets or sets the most bytes the time-series buffer may take on disk (oldest telemetry dropped first).</summary>
    public long BufferMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Gets or sets the bound of the embedded time-series store's day files (used when no InfluxDB is configured).</summary>
    public long EmbeddedMaxBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Gets or sets whether telemetry goes to the embedded store when no InfluxDB is configured (else it is not kept).</summary>
    public bool EmbeddedStore { get; set; } = true;
}
