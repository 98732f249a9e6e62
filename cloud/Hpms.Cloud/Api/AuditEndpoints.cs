using System.Data.Common;
using Dapper;
using Hpms.Cloud.Security;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Api;

/// <summary>
/// <c>GET /api/audit?from=&amp;to=&amp;actor=&amp;limit=</c>, Engineering (engineers and admins): the people who
/// investigate who unlocked a cabinet or closed a work order. Read only: there is no endpoint, and no
/// code, that updates or deletes audit rows.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>Maps the audit endpoint.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/audit", QueryAsync)
            .RequireAuthorization(Policies.Engineering)
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithTags("audit")
            .WithSummary("Audit records, newest first, between from and to (ISO 8601), optionally by one actor.");
        return endpoints;
    }

    private static async Task<IResult> QueryAsync(
        CloudDatabase database, IOptions<ApiOptions> options, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? actor = null, int? limit = null)
    {
        int max = options.Value.MaxAuditRows;
        if (limit is < 1 || limit > max)
        {
            return JsonBody.Invalid("limit", $"must be within 1..{max}");
        }

        if (from is not null && to is not null && from > to)
        {
            return JsonBody.Invalid("from", "must not be after to");
        }

        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<AuditEntry> rows = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
                "SELECT id AS Id, at_ms AS AtMs, actor AS Actor, action AS Action, target AS Target, details AS Details FROM audit_log "
                + "WHERE at_ms >= @from AND at_ms <= @to" + (actor is null ? string.Empty : " AND actor = @actor") + " ORDER BY at_ms DESC, id DESC LIMIT @limit",
                new
                {
                    from = from?.ToUnixTimeMilliseconds() ?? long.MinValue,
                    to = to?.ToUnixTimeMilliseconds() ?? long.MaxValue,
                    actor,
                    limit = limit ?? Math.Min(100, max),
                },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return TypedResults.Ok(rows.ToList());
        }
    }
}
