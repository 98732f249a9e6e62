namespace Hpms.Cloud.Security;

/// <summary>
/// Configuration section <c>Auth</c>: how the API signs its tokens and whom it seeds at start. Secrets
/// (the signing key, bootstrap passwords and keys) are never in configuration: only the names of the
/// environment variables or files that hold them.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Auth";

    /// <summary>Gets or sets the token issuer (<c>iss</c>).</summary>
    public string Issuer { get; set; } = "hpms-cloud";

    /// <summary>Gets or sets the token audience (<c>aud</c>).</summary>
    public string Audience { get; set; } = "hpms-api";

    /// <summary>Gets or sets how long an issued token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the environment variable holding the HS256 signing key (base64, at least 32 bytes).</summary>
    public string JwtKeyEnv { get; set; } = "HPMS_JWT_KEY";

    /// <summary>Gets or sets a file holding the signing key (base64); used when set, before <see cref="JwtKeyEnv"/>.</summary>
    public string? JwtKeyFile { get; set; }

    /// <summary>Gets or sets the PBKDF2 iteration count for new password hashes.</summary>
    public int PasswordIterations { get; set; } = PasswordHasher.DefaultIterations;

    /// <summary>Gets the users seeded (created or updated) at start.</summary>
    public IList<BootstrapUser> Users { get; } = [];

    /// <summary>Gets the API keys seeded at start.</summary>
    public IList<BootstrapApiKey> ApiKeys { get; } = [];
}
