namespace Hpms.Telemetry.Influx;

/// <summary>Where and how line protocol is written to InfluxDB.</summary>
public sealed class InfluxWriterOptions
{
    /// <summary>Gets or sets the server URL, e.g. <c>http://127.0.0.1:8086</c>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary>Gets or sets the API version.</summary>
    public InfluxApiVersion Version { get; set; } = InfluxApiVersion.V1;

    /// <summary>Gets or sets the database (v1).</summary>
    public string Database { get; set; } = "hpms";

    /// <summary>Gets or sets the retention policy (v1, optional).</summary>
    public string RetentionPolicy { get; set; } = string.Empty;

    /// <summary>Gets or sets the organisation (v2).</summary>
    public string Org { get; set; } = string.Empty;

    /// <summary>Gets or sets the bucket (v2).</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>Gets or sets the user name (v1, optional).</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Gets or sets the environment variable holding the v1 password or the v2 token (never the secret itself).</summary>
    public string SecretEnv { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets whether bodies are gzip-compressed. Off by default: on a 2-core gateway compressing a
    /// backlog costs more time than sending it over a LAN (drain 0.24× vs 0.59× of influxd's raw ingest in
    /// scripts/bench-edge.sh); turn it on for a slow or metered WAN link.
    /// </summary>
    public bool Gzip { get; set; }

    /// <summary>Gets or sets the timestamp precision the lines carry (the product writes milliseconds).</summary>
    public string Precision { get; set; } = "ms";

    /// <summary>Gets or sets the HTTP timeout of one write.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the options.</summary>
    /// <param name="prefix">Configuration key prefix for messages.</param>
    /// <returns>Problems, each naming its key.</returns>
    public IReadOnlyList<string> Validate(string prefix)
    {
        List<string> errors = [];
        if (!Uri.TryCreate(Url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"{prefix}:Url: '{Url}' is not an http(s) URL.");
        }

        if (Version == InfluxApiVersion.V1 && string.IsNullOrWhiteSpace(Database))
        {
            errors.Add($"{prefix}:Database: is required for the v1 API.");
        }

        if (Version == InfluxApiVersion.V2 && (string.IsNullOrWhiteSpace(Org) || string.IsNullOrWhiteSpace(Bucket)))
        {
            errors.Add($"{prefix}:Org and {prefix}:Bucket: are required for the v2 API.");
        }

        if (Precision is not ("ns" or "us" or "ms" or "s"))
        {
            errors.Add($"{prefix}:Precision: '{Precision}' is not ns, us, ms or s.");
        }

        if (!string.IsNullOrEmpty(SecretEnv) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SecretEnv)))
        {
            errors.Add($"{prefix}:SecretEnv: environment variable {SecretEnv} is not set.");
        }

        return errors;
    }
}
