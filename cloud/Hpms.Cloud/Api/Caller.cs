using System.Security.Claims;
using Hpms.Cloud.Security;

namespace Hpms.Cloud.Api;

/// <summary>Who is calling, as the audit log names them.</summary>
public static class Caller
{
    /// <summary>The caller's name (user or API key name); <c>anonymous</c> when unauthenticated.</summary>
    /// <param name="user">The request's principal.</param>
    /// <returns>The actor.</returns>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ClaimNames.Name)?.Value ?? user.Identity?.Name ?? "anonymous";
    }
}
