namespace Hpms.Cloud.Security;

/// <summary>The claim types of the API's principals, the same for tokens and API keys.</summary>
public static class ClaimNames
{
    /// <summary>The caller's name (user or API key name): the actor in the audit log.</summary>
    public const string Name = "name";

    /// <summary>One claim per role.</summary>
    public const string Role = "role";

    /// <summary>The technician the user is, when there is one.</summary>
    public const string TechnicianId = "technician_id";

    /// <summary>How the caller authenticated: <c>jwt</c> or <c>api-key</c>.</summary>
    public const string AuthenticatedBy = "auth_by";
}
