using System.Globalization;
using System.Security.Claims;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Security;
using Microsoft.AspNetCore.Mvc;

namespace Hpms.Cloud.WorkOrders;

/// <summary>
/// The work-order, KPI and technician API. The actor is the signed-in identity's name; its roles come
/// from <see cref="ClaimsPrincipal.IsInRole"/> and its technician id from the <c>technician_id</c> claim.
/// Errors are problem details: 400 validation, 403 not yours, 404, 409 invalid transition or concurrent change.
/// </summary>
public static class WorkOrderEndpoints
{
    /// <summary>The claim carrying a user's technician id (users.technician_id).</summary>
    public const string TechnicianIdClaim = "technician_id";

    private const int DefaultLimit = 200;
    private const int MaxLimit = 1000;

    /// <summary>Maps every route; each names its policy.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder workOrders = endpoints.MapGroup("/api/workorders").WithTags("Work orders");
        workOrders.MapGet("/", ListAsync).RequireAuthorization(Policies.Read);
        workOrders.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Read);
        workOrders.MapPost("/", CreateAsync).RequireAuthorization(Policies.Engineering);
        foreach (WorkOrderAction action in Enum.GetValues<WorkOrderAction>())
        {
            string policy = action is WorkOrderAction.Accept or WorkOrderAction.Start or WorkOrderAction.Resolve ? Policies.FieldWork : Policies.Engineering;
            workOrders.MapPost("/{id:long}/" + WorkOrderActionText.Of(action), (long id, [FromBody] TransitionBody? body, ClaimsPrincipal user, WorkOrderService service, WorkOrderQueries queries, CancellationToken ct) =>
                TransitionAsync(id, action, body, user, service, queries, ct)).RequireAuthorization(policy);
        }

        endpoints.MapGet("/api/kpis", KpisAsync).WithTags("Work orders").RequireAuthorization(Policies.Read);
        endpoints.MapGet("/api/technicians", async (TechnicianStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct).ConfigureAwait(false)))
            .WithTags("Technicians").RequireAuthorization(Policies.Read);
        endpoints.MapPost("/api/technicians", SaveTechnicianAsync).WithTags("Technicians").RequireAuthorization(Policies.Administration);
        return endpoints;
    }

    /// <summary>The actor of a request.</summary>
    /// <param name="user">The signed-in principal.</param>
    /// <returns>Name, role (engineer for engineers and admins, else technician) and technician id.</returns>
    public static WorkOrderActor ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        WorkOrderRole role = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Engineer) ? WorkOrderRole.Engineer : WorkOrderRole.Technician;
        return new WorkOrderActor(user.Identity?.Name ?? "unknown", role, user.FindFirst(TechnicianIdClaim)?.Value);
    }

    private static async Task<IResult> ListAsync(
        [FromQuery] string? state,
        [FromQuery(Name = "assigned_to")] string? assignedTo,
        [FromQuery] bool? mine,
        [FromQuery] int? limit,
        ClaimsPrincipal user,
        WorkOrderQueries queries,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (state is not null && !WorkOrderStateText.TryParse(state, out _))
        {
            errors["state"] = ["One of " + string.Join(", ", WorkOrderStateText.All) + "."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [string.Create(CultureInfo.InvariantCulture, $"1…{MaxLimit}.")];
        }

        if (mine == true)
        {
            string? own = user.FindFirst(TechnicianIdClaim)?.Value;
            if (own is null)
            {
                errors["mine"] = ["The caller is not linked to a technician."];
            }
            else if (assignedTo is not null && !string.Equals(assignedTo, own, StringComparison.Ordinal))
            {
                errors["assigned_to"] = ["Contradicts mine=true."];
            }

            assignedTo = own;
        }

        return errors.Count > 0
            ? Results.ValidationProblem(errors)
            : Results.Ok(await queries.ListAsync(state, assignedTo, limit ?? DefaultLimit, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(long id, WorkOrderQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct).ConfigureAwait(false) is { } view ? Results.Ok(view) : NotFound(id);

    private static async Task<IResult> CreateAsync([FromBody] CreateWorkOrderBody? body, ClaimsPrincipal user, WorkOrderService service, WorkOrderQueries queries, CancellationToken ct)
    {
        if (WorkOrderValidation.Check(body, out Dictionary<string, string[]> errors) is not { } request)
        {
            return Results.ValidationProblem(errors);
        }

        if (await service.CreateAsync(request, ActorOf(user).Name, ct).ConfigureAwait(false) is not long id)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A work order is already open for this asset and cause.", detail: $"{request.AssetId} {request.Cause}");
        }

        return Results.Created(string.Create(CultureInfo.InvariantCulture, $"/api/workorders/{id}"), await queries.GetAsync(id, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> TransitionAsync(long id, WorkOrderAction action, TransitionBody? body, ClaimsPrincipal user, WorkOrderService service, WorkOrderQueries queries, CancellationToken ct)
    {
        if (!WorkOrderValidation.Check(body, out Dictionary<string, string[]> errors))
        {
            return Results.ValidationProblem(errors);
        }

        var command = new WorkOrderCommand(action, body?.Note ?? body?.Reason, body?.TechnicianId, body?.ExpectedVersion);
        WorkOrderChange change = await service.TransitionAsync(id, command, ActorOf(user), ct).ConfigureAwait(false);
        string verb = WorkOrderActionText.Of(action);
        string from = change.From is { } f ? WorkOrderStateText.Of(f) : "?";
        return change.Outcome switch
        {
            WorkOrderChangeOutcome.Done => Results.Ok(await queries.GetAsync(id, ct).ConfigureAwait(false)),
            WorkOrderChangeOutcome.NotFound => NotFound(id),
            WorkOrderChangeOutcome.InvalidTransition => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Invalid transition.", detail: $"A work order in state {from} cannot {verb}."),
            WorkOrderChangeOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed concurrently.", detail: "The work order changed meanwhile (or reopening would duplicate an open one); reload and retry."),
            WorkOrderChangeOutcome.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: $"Your role may not {verb} work orders."),
            WorkOrderChangeOutcome.NotAssignedToActor => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your work order.", detail: "Technicians act only on work orders assigned to them."),
            WorkOrderChangeOutcome.NoteRequired => Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["note"] = [$"Required to {verb}."] }),
            _ => Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["technicianId"] = ["An active technician is required."] }),
        };
    }

    private static async Task<IResult> KpisAsync([FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? team, WorkOrderQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        long toMs = ParseTime(to, "to", clock.GetUtcNow().ToUnixTimeMilliseconds(), errors);
        long fromMs = ParseTime(from, "from", toMs - (long)TimeSpan.FromDays(30).TotalMilliseconds, errors);
        if (errors.Count == 0 && fromMs >= toMs)
        {
            errors["from"] = ["Must be before to."];
        }

        if (!KpiTeam.TryParse(team, out KpiTeam? kpiTeam))
        {
            errors["team"] = ["zone:<zone>, skill:<skill> or absent."];
        }

        return errors.Count > 0 || kpiTeam is null
            ? Results.ValidationProblem(errors)
            : Results.Ok(await queries.KpisAsync(fromMs, toMs, kpiTeam, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> SaveTechnicianAsync([FromBody] Technician? technician, ClaimsPrincipal user, TechnicianStore store, CancellationToken ct)
    {
        if (!WorkOrderValidation.Check(technician, out Dictionary<string, string[]> errors))
        {
            return Results.ValidationProblem(errors);
        }

        await store.SaveAsync(technician!, ActorOf(user).Name, ct).ConfigureAwait(false);
        return Results.Ok(technician);
    }

    private static long ParseTime(string? text, string field, long fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long unixMs))
        {
            return unixMs;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
        {
            return at.ToUnixTimeMilliseconds();
        }

        errors[field] = ["Unix milliseconds or an ISO 8601 time."];
        return fallback;
    }

    private static IResult NotFound(long id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such work order.", detail: string.Create(CultureInfo.InvariantCulture, $"workorder/{id}"));
}
