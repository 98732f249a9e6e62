namespace Hpms.Cloud.Operations;

/// <summary>Configuration section <c>Operations</c>.</summary>
public sealed class OperationsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Operations";

    /// <summary>
    /// Gets or sets the environment variable holding a scrape key. Unset (the default): <c>/metrics</c> is
    /// anonymous, like Prometheus expects on a private network. Set: the scraper must send
    /// <c>Authorization: Bearer &lt;key&gt;</c> (Prometheus <c>authorization.credentials_file</c>).
    /// </summary>
    public string? MetricsKeyEnv { get; set; }

    /// <summary>Gets or sets a file holding the scrape key (used before <see cref="MetricsKeyEnv"/>).</summary>
    public string? MetricsKeyFile { get; set; }
}
