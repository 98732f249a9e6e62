using System.Globalization;
using Hpms.Cloud.Alarms;
using Hpms.Cloud.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hpms.Cloud.ColdChain;

/// <summary>The stock-hold API: list (any role), release and discard (supply).</summary>
public static class HoldEndpoints
{
    /// <summary>Maps <c>/api/holds</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapHoldEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder group = endpoints.MapGroup("/api/holds").WithTags("Holds");
        group.MapGet("/", async (HoldService holds, string? status, CancellationToken ct) => TypedResults.Ok(await holds.ListAsync(status, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.Read);
        group.MapPost("/{id:long}/release", async (HoldService holds, long id, HttpContext http, CancellationToken ct) =>
            ToResult(id, "released", await holds.ReleaseAsync(id, Actor(http), ct).ConfigureAwait(false))).RequireAuthorization(Policies.Supply);
        group.MapPost("/{id:long}/discard", async (HoldService holds, long id, HttpContext http, CancellationToken ct) =>
            ToResult(id, "discarded", await holds.DiscardAsync(id, Actor(http), ct).ConfigureAwait(false))).RequireAuthorization(Policies.Supply);
        return endpoints;
    }

    private static Results<Ok<StateChangeResult>, ProblemHttpResult> ToResult(long id, string action, StateChangeResult result) => result.Status switch
    {
        StateChangeStatus.Done => TypedResults.Ok(result),
        StateChangeStatus.NotFound => TypedResults.Problem(
            detail: string.Create(CultureInfo.InvariantCulture, $"No hold {id}."), statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        _ => TypedResults.Problem(
            detail: string.Create(CultureInfo.InvariantCulture, $"Hold {id} is {result.State}; it cannot be {action}."),
            statusCode: StatusCodes.Status409Conflict,
            title: "Invalid hold transition"),
    };

    private static string Actor(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : "unknown";
}
