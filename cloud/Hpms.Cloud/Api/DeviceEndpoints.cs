using System.Data.Common;
using Dapper;
using Hpms.Cloud.Security;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.Api;

/// <summary>Read-only device registry: <c>GET /api/devices</c> and <c>GET /api/devices/{id}</c> (Read).</summary>
public static class DeviceEndpoints
{
    private const string Columns =
        "id AS Id, site_id AS SiteId, gateway_id AS GatewayId, building AS Building, zone AS Zone, device_class AS DeviceClass, "
        + "name AS Name, storeroom AS Storeroom, last_seen_ms AS LastSeenMs, last_sequence AS LastSequence, online AS Online";

    /// <summary>Maps the device endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder group = endpoints.MapGroup("/api/devices").RequireAuthorization(Policies.Read).WithTags("devices");
        group.MapGet("/", ListAsync).Produces<IReadOnlyList<DeviceView>>().WithSummary("Lists registered devices.");
        group.MapGet("/{id}", GetAsync).Produces<DeviceView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One device.");
        return endpoints;
    }

    /// <summary>Finds one device.</summary>
    /// <param name="database">The store.</param>
    /// <param name="id">Device id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The device or null.</returns>
    public static async Task<DeviceView?> FindAsync(CloudDatabase database, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.QuerySingleOrDefaultAsync<DeviceView>(new CommandDefinition(
                $"SELECT {Columns} FROM devices WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private static async Task<IResult> ListAsync(CloudDatabase database, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<DeviceView> devices = await connection.QueryAsync<DeviceView>(new CommandDefinition(
                $"SELECT {Columns} FROM devices ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return TypedResults.Ok(devices.ToList());
        }
    }

    private static async Task<IResult> GetAsync(string id, CloudDatabase database, CancellationToken cancellationToken) =>
        await FindAsync(database, id, cancellationToken).ConfigureAwait(false) is { } device
            ? TypedResults.Ok(device)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such device", detail: $"no device {id}");
}
