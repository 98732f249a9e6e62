namespace Hpms.Cloud.Security;

/// <summary>A live row of <c>api_keys</c>.</summary>
/// <param name="Id">Key id.</param>
/// <param name="Name">Key name (the actor).</param>
/// <param name="Roles">Roles, comma-separated.</param>
public sealed record StoredApiKey(string Id, string Name, string Roles)
{
    /// <summary>Gets the roles as a list.</summary>
    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
