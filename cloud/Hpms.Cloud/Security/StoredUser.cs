namespace Hpms.Cloud.Security;

/// <summary>A row of <c>users</c>.</summary>
/// <param name="Name">User name.</param>
/// <param name="PasswordHash">PBKDF2 hash (<see cref="PasswordHasher"/>).</param>
/// <param name="Roles">Roles, comma-separated.</param>
/// <param name="TechnicianId">Technician id, or null.</param>
/// <param name="Disabled">1 when the user may not sign in.</param>
public sealed record StoredUser(string Name, string PasswordHash, string Roles, string? TechnicianId, long Disabled)
{
    /// <summary>Gets the roles as a list.</summary>
    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
