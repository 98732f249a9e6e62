using System.Globalization;
using System.Text;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hpms.Cloud.Replenishment;

/// <summary>The order API: list and read (any role), CSV export and export now (supply).</summary>
public static class OrderEndpoints
{
    /// <summary>Maps <c>/api/orders</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder group = endpoints.MapGroup("/api/orders").WithTags("Orders");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Read);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Read);
        group.MapGet("/export.csv", ExportCsvAsync).RequireAuthorization(Policies.Supply);
        group.MapPost("/export", async (OrderExporter exporter, CancellationToken ct) => TypedResults.Ok(new { delivered = await exporter.ExportDueAsync(ct).ConfigureAwait(false) }))
            .RequireAuthorization(Policies.Supply);
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<OrderRow>>, ProblemHttpResult>> ListAsync(OrderQueries orders, string? status, int? limit, CancellationToken cancellationToken)
    {
        if (status is not null && status is not ("open" or "exported" or "closed" or "cancelled"))
        {
            return TypedResults.Problem(detail: "status must be open, exported, closed or cancelled.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter");
        }

        return TypedResults.Ok(await orders.ListAsync(status, limit ?? 200, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<OrderRow>, ProblemHttpResult>> GetAsync(OrderQueries orders, long id, CancellationToken cancellationToken) =>
        await orders.GetAsync(id, cancellationToken).ConfigureAwait(false) is OrderRow order
            ? TypedResults.Ok(order)
            : TypedResults.Problem(detail: string.Create(CultureInfo.InvariantCulture, $"No order {id}."), statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static async Task<FileContentHttpResult> ExportCsvAsync(OrderQueries orders, AuditLog audit, HttpContext http, string? status, CancellationToken cancellationToken)
    {
        IReadOnlyList<OrderRow> rows = await orders.ListAsync(status, 1000, cancellationToken).ConfigureAwait(false);
        string actor = http.User.Identity?.Name is { Length: > 0 } name ? name : "unknown";
        await audit.AppendAsync(actor, "order.export-csv", "orders", string.Create(CultureInfo.InvariantCulture, $"{rows.Count} orders, status {status ?? "any"}"), cancellationToken).ConfigureAwait(false);
        return TypedResults.File(Encoding.UTF8.GetBytes(OrderCsv.Write(rows)), "text/csv; charset=utf-8", "orders.csv");
    }
}
