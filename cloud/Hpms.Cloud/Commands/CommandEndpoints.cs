using Hpms.Cloud.Api;
using Hpms.Cloud.Security;
using Hpms.Cloud.Storage;
using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Commands;

/// <summary><c>POST /api/devices/{id}/commands/{name}</c> (DeviceCommands): validate, sign with the gateway's key, send, wait, answer with the reply.</summary>
public static class CommandEndpoints
{
    /// <summary>Maps the command endpoint.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapCommandEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/devices/{id}/commands/{name}", SendAsync)
            .RequireAuthorization(Policies.DeviceCommands)
            .Accepts<CommandRequest>("application/json")
            .Produces<CommandResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithTags("commands")
            .WithSummary("Sends a signed command to a device through its gateway and returns the device's reply. Commands: "
                + string.Join("; ", CommandCatalog.All.Select(c => $"{c.Name} ({string.Join(", ", c.DeviceClasses)})")));
        return endpoints;
    }

    private static async Task<IResult> SendAsync(
        string id, string name, HttpRequest request, CloudDatabase database, CommandKeys keys, ICommandChannel channel,
        CommandDispatcher dispatcher, IOptions<CommandOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (CommandCatalog.Find(name) is not { } spec)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown command",
                detail: $"no command '{name}'; commands are {string.Join(", ", CommandCatalog.All.Select(c => c.Name))}");
        }

        CommandRequest? body = null;
        if (request.ContentLength is not 0 || request.Headers.TransferEncoding.Count > 0)
        {
            BodyResult<CommandRequest> read = await JsonBody.ReadAsync<CommandRequest>(request, cancellationToken).ConfigureAwait(false);
            if (!read.IsValid)
            {
                return read.Problem!;
            }

            body = read.Value;
        }

        if (CommandCatalog.Bind(spec, body?.Args, out (string Field, string Message)? invalid) is not { } args)
        {
            return JsonBody.Invalid(invalid!.Value.Field, invalid.Value.Message);
        }

        if (await DeviceEndpoints.FindAsync(database, id, cancellationToken).ConfigureAwait(false) is not { } device)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such device", detail: $"no device {id}");
        }

        if (!spec.DeviceClasses.Contains(device.DeviceClass, StringComparer.Ordinal))
        {
            return JsonBody.Invalid("name", $"{device.DeviceClass} devices take no '{name}' command");
        }

        if (!options.Value.Enabled || !channel.IsConnected)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Commands unavailable",
                detail: options.Value.Enabled ? "the command broker is not connected" : "commands are not configured (Commands:Host)");
        }

        if (!keys.TryGet(device.GatewayId, out ReadOnlyMemory<byte> key))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No command key",
                detail: $"no key configured for gateway {device.GatewayId} (Commands:Keys:{device.GatewayId})");
        }

        DeviceCommand command = CommandBuilder.Build(spec.Name, device.Id, args, Caller.Actor(request.HttpContext.User), clock.GetUtcNow(), options.Value.Lifetime, key.Span);
        CommandResult result = await dispatcher.DispatchAsync(command, device.SiteId, device.GatewayId, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            CommandStatus.TimedOut => TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "No reply",
                detail: $"the gateway did not reply within {options.Value.ReplyTimeout}", extensions: new Dictionary<string, object?> { ["commandId"] = result.Id }),
            CommandStatus.Failed when result.Reply is null => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Not sent",
                detail: result.Error, extensions: new Dictionary<string, object?> { ["commandId"] = result.Id }),
            _ => TypedResults.Ok(result),
        };
    }
}
