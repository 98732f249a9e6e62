using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Maintenance;

/// <summary>Predictive maintenance (section <c>Maintenance</c>): how often, over what history, and the thresholds of each analysis.</summary>
public sealed class MaintenanceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Maintenance";

    /// <summary>Gets or sets a value indicating whether the periodic job runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how often the job runs (the lease lasts two intervals, so a dead holder is replaced within that).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets this instance's lease holder id (default: machine name and a random suffix).</summary>
    public string InstanceId { get; set; } = string.Empty;

    /// <summary>Gets or sets the history the AHU trends are fitted over.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Gets or sets the history gas pressure drift is fitted over (drift is slow: days).</summary>
    public TimeSpan GasHistory { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Gets or sets the downsampling bucket (one trend point per device and bucket).</summary>
    public TimeSpan Bucket { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the measurement (device class) of air-handling units.</summary>
    public string AirHandlingUnitClass { get; set; } = "air-handling-unit";

    /// <summary>Gets or sets the measurement (device class) of medical gas panels.</summary>
    public string GasPanelClass { get; set; } = "medical-gas-panel";

    /// <summary>Gets the InfluxDB the history is read from.</summary>
    public InfluxQueryOptions Influx { get; init; } = new();

    /// <summary>Gets the filter ΔP forecast's thresholds.</summary>
    public FilterPolicy Filter { get; init; } = new();

    /// <summary>Gets the vibration zones' thresholds.</summary>
    public VibrationPolicy Vibration { get; init; } = new();

    /// <summary>Gets the fan service interval.</summary>
    public ServicePolicy Service { get; init; } = new();

    /// <summary>Gets the gas line drift's thresholds.</summary>
    public GasDriftPolicy GasDrift { get; init; } = new();

    /// <summary>Gets when a filter change counts as verified by telemetry.</summary>
    public FilterVerificationPolicy Verification { get; init; } = new();
}
