namespace Hpms.Cloud.Api;

/// <summary>An audit record as the API shows it.</summary>
public sealed class AuditEntry
{
    /// <summary>Gets or sets the record id.</summary>
    public long Id { get; set; }

    /// <summary>Gets or sets when, Unix ms.</summary>
    public long AtMs { get; set; }

    /// <summary>Gets or sets who.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>Gets or sets what.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>Gets or sets on what.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>Gets or sets details.</summary>
    public string Details { get; set; } = string.Empty;
}
