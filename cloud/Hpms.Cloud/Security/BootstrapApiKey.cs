namespace Hpms.Cloud.Security;

/// <summary>An API key seeded from configuration (<c>Auth:ApiKeys</c>), e.g. for a dashboard or an ERP.</summary>
public sealed class BootstrapApiKey
{
    /// <summary>Gets or sets the key's name (the actor in the audit log).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets the roles.</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>Gets or sets the environment variable holding the key.</summary>
    public string? KeyEnv { get; set; }

    /// <summary>Gets or sets the file holding the key (used before <see cref="KeyEnv"/>).</summary>
    public string? KeyFile { get; set; }
}
