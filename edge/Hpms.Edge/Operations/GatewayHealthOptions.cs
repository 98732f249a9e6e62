namespace Hpms.Edge.Operations;

/// <summary>
/// The gateway's own health as telemetry (configuration section <c>GatewayHealth</c>): a <c>gateway</c>
/// reading every <see cref="Interval"/>, buffered and sent like any device's, so dashboards and alerts see
/// poll success, buffer depth and dropped records without scraping <c>/metrics</c>.
/// </summary>
public sealed class GatewayHealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "GatewayHealth";

    /// <summary>Gets or sets whether the reading is published (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how often it is published.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options; messages name the keys.</summary>
    /// <returns>Problems.</returns>
    public IReadOnlyList<string> Validate() =>
        Enabled && Interval < TimeSpan.FromSeconds(1) ? ["GatewayHealth:Interval: must be at least 00:00:01."] : [];
}
