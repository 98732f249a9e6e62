using System.Security.Claims;
using Hpms.Cloud.Security;

namespace Hpms.Cloud.Web;

/// <summary>
/// The technician and operator page (<c>/app</c>, <c>/</c> redirects there) and <c>GET /api/me</c>. The page
/// is public static files; everything it shows comes from the API with the bearer token the page keeps in
/// session storage, so the API stays the only authority on who may do what.
/// </summary>
public static class WebEndpoints
{
    /// <summary>The page's address.</summary>
    public const string PagePath = "/app";

    /// <summary>
    /// The page's content security policy: scripts, styles and API calls only from this origin, no inline
    /// script or style, no framing, no plugins, forms post nowhere else.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Maps <c>/</c>, <c>/app</c>, <c>/app/{file}</c> (anonymous) and <c>/api/me</c> (Read).</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapWebEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", () => Results.Redirect(PagePath)).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(PagePath, (HttpContext http) => Serve(http, "app.html")).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(PagePath + "/{file}", (string file, HttpContext http) => Serve(http, file)).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(Me(user)))
            .RequireAuthorization(Policies.Read)
            .Produces<MeView>()
            .WithTags("auth")
            .WithSummary("Who the caller is: name, roles, technician id and the policies they satisfy.");
        return endpoints;
    }

    /// <summary>Describes a signed-in caller.</summary>
    /// <param name="user">The request's principal.</param>
    /// <returns>Name, roles, technician id and satisfied policies.</returns>
    public static MeView Me(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        string[] roles = [.. user.FindAll(ClaimNames.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal)];
        string[] policies = [.. Policies.RolesOf.Where(p => p.Value.Any(roles.Contains)).Select(p => p.Key)];
        return new MeView(
            user.FindFirst(ClaimNames.Name)?.Value ?? user.Identity?.Name ?? "unknown",
            roles,
            user.FindFirst(ClaimNames.TechnicianId)?.Value,
            policies);
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!WebAssets.All.TryGetValue(file, out WebAsset? asset))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "no such page file");
        }

        IHeaderDictionary headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
