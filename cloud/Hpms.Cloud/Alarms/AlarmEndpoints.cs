using System.Globalization;
using Hpms.Cloud.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hpms.Cloud.Alarms;

/// <summary>The alarm API: list (any role), acknowledge and clear (engineers).</summary>
public static class AlarmEndpoints
{
    /// <summary>Maps <c>/api/alarms</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapAlarmEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder group = endpoints.MapGroup("/api/alarms").WithTags("Alarms");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Read);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Read);
        group.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.Engineering);
        group.MapPost("/{id:long}/clear", ClearAsync).RequireAuthorization(Policies.Engineering);
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<AlarmRow>>, ProblemHttpResult>> ListAsync(
        AlarmService alarms, string? state, string? device, int? limit, CancellationToken cancellationToken)
    {
        if (state is not null && state is not ("active" or "acknowledged" or "cleared"))
        {
            return TypedResults.Problem(detail: "state must be active, acknowledged or cleared.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter");
        }

        return TypedResults.Ok(await alarms.ListAsync(state, device, limit ?? 200, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<AlarmRow>, ProblemHttpResult>> GetAsync(AlarmService alarms, long id, CancellationToken cancellationToken) =>
        await alarms.GetAsync(id, cancellationToken).ConfigureAwait(false) is AlarmRow row
            ? TypedResults.Ok(row)
            : NotFound(id);

    private static async Task<Results<Ok<StateChangeResult>, ProblemHttpResult>> AcknowledgeAsync(AlarmService alarms, long id, HttpContext http, CancellationToken cancellationToken) =>
        ToResult(id, "acknowledged", await alarms.AcknowledgeAsync(id, Actor(http), cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Ok<StateChangeResult>, ProblemHttpResult>> ClearAsync(AlarmService alarms, long id, HttpContext http, CancellationToken cancellationToken) =>
        ToResult(id, "cleared", await alarms.ClearAsync(id, Actor(http), cancellationToken).ConfigureAwait(false));

    private static Results<Ok<StateChangeResult>, ProblemHttpResult> ToResult(long id, string action, StateChangeResult result) => result.Status switch
    {
        StateChangeStatus.Done => TypedResults.Ok(result),
        StateChangeStatus.NotFound => NotFound(id),
        _ => TypedResults.Problem(
            detail: string.Create(CultureInfo.InvariantCulture, $"Alarm {id} is {result.State}; it cannot be {action}."),
            statusCode: StatusCodes.Status409Conflict,
            title: "Invalid alarm transition"),
    };

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(detail: string.Create(CultureInfo.InvariantCulture, $"No alarm {id}."), statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static string Actor(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : "unknown";
}
