namespace Hpms.Cloud.Web;

/// <summary>
/// The answer of <c>GET /api/me</c>: who the caller is and what they may do, so the page shows only the
/// actions the caller's roles allow (the API still checks every call).
/// </summary>
/// <param name="Name">The user or API key name.</param>
/// <param name="Roles">The caller's roles.</param>
/// <param name="TechnicianId">The technician the user is (work orders assigned to them), or null.</param>
/// <param name="Policies">The policies the caller satisfies (<c>read</c>, <c>field-work</c>, <c>engineering</c>, …).</param>
public sealed record MeView(string Name, IReadOnlyList<string> Roles, string? TechnicianId, IReadOnlyList<string> Policies);
