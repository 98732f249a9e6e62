namespace Hpms.Cloud.Maintenance;

/// <summary>Where InfluxQL queries go (InfluxDB 1.x <c>/query</c>, or 2.x's v1 compatibility API).</summary>
public sealed class InfluxQueryOptions
{
    /// <summary>Gets or sets the server URL; empty (the default, as for the ingest's <c>Influx:Url</c>) = no InfluxDB, the job does not run.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Gets or sets the database the telemetry is written to.</summary>
    public string Database { get; set; } = "hpms";

    /// <summary>Gets or sets the user name (optional; basic authentication).</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Gets or sets the environment variable holding the password (never the password itself).</summary>
    public string SecretEnv { get; set; } = string.Empty;

    /// <summary>Gets or sets the timeout of one query.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
