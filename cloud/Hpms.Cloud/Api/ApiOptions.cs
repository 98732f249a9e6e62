namespace Hpms.Cloud.Api;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Api";

    /// <summary>Gets or sets the largest request body accepted (Kestrel refuses bigger ones with 413).</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the most audit rows one request returns.</summary>
    public int MaxAuditRows { get; set; } = 1000;
}
