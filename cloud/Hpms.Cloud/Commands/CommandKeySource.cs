namespace Hpms.Cloud.Commands;

/// <summary>Where a gateway's command key (base64, at least 32 bytes; the same value as the gateway's <c>Commands:KeyEnv</c>) is read from.</summary>
public sealed class CommandKeySource
{
    /// <summary>Gets or sets the environment variable holding the key.</summary>
    public string? KeyEnv { get; set; }

    /// <summary>Gets or sets the file holding the key (used before <see cref="KeyEnv"/>).</summary>
    public string? KeyFile { get; set; }
}
