namespace Hpms.Edge.Configuration;

/// <summary>The gateway and its devices (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway";

    /// <summary>Gets or sets the hospital site id.</summary>
    public string Site { get; set; } = string.Empty;

    /// <summary>Gets or sets this gateway's id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder of register maps named by class (default: <c>devices</c> beside hpms-edge).</summary>
    public string MapsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "devices");

    /// <summary>Gets or sets how long a device may stay unanswered before its last values turn from stale to bad, in poll intervals.</summary>
    public int StaleAfterIntervals { get; set; } = 3;

    /// <summary>Gets or sets the longest wait between attempts at a device that does not answer.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets the devices.</summary>
    public IList<DeviceOptions> Devices { get; } = [];
}
