namespace Hpms.Edge.Operations;

/// <summary>Where the gateway reports on itself (configuration section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Operations";

    /// <summary>Gets or sets the prefix served with <c>/metrics</c> (Prometheus text) and <c>/health</c> (JSON); empty disables it.</summary>
    public string MetricsUrl { get; set; } = "http://127.0.0.1:9108/";

    /// <summary>Gets or sets a file the health JSON is written to every <see cref="HealthInterval"/> (for watchdogs without HTTP); empty disables it.</summary>
    public string HealthFile { get; set; } = string.Empty;

    /// <summary>Gets or sets how often the health file is written.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(15);
}
