namespace Hpms.Cloud.Api;

/// <summary>A device as the API shows it.</summary>
public sealed class DeviceView
{
    /// <summary>Gets or sets the device id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the site.</summary>
    public string SiteId { get; set; } = string.Empty;

    /// <summary>Gets or sets the gateway that serves it.</summary>
    public string GatewayId { get; set; } = string.Empty;

    /// <summary>Gets or sets the building.</summary>
    public string Building { get; set; } = string.Empty;

    /// <summary>Gets or sets the zone.</summary>
    public string Zone { get; set; } = string.Empty;

    /// <summary>Gets or sets the device class (its register map's class).</summary>
    public string DeviceClass { get; set; } = string.Empty;

    /// <summary>Gets or sets the display name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the storeroom it belongs to.</summary>
    public string? Storeroom { get; set; }

    /// <summary>Gets or sets when it was last heard from, Unix ms.</summary>
    public long? LastSeenMs { get; set; }

    /// <summary>Gets or sets the last sequence number seen.</summary>
    public long? LastSequence { get; set; }

    /// <summary>Gets or sets whether it is online (1) or not (0).</summary>
    public long Online { get; set; }
}
