namespace Hpms.Cloud.Security;

/// <summary>A user seeded from configuration (<c>Auth:Users</c>); the password comes from a variable or a file.</summary>
public sealed class BootstrapUser
{
    /// <summary>Gets or sets the user name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets the roles (see <see cref="Roles"/>).</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>Gets or sets the environment variable holding the password.</summary>
    public string? PasswordEnv { get; set; }

    /// <summary>Gets or sets the file holding the password (first line; used before <see cref="PasswordEnv"/>).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Gets or sets the technician this user is, if any (becomes the token's <c>technician_id</c>).</summary>
    public string? TechnicianId { get; set; }
}
