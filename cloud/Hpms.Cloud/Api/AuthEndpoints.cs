using System.Data.Common;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Security;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Api;

/// <summary>Sign-in (anonymous), and creating users and API keys (Administration).</summary>
public static class AuthEndpoints
{
    /// <summary>Maps <c>POST /api/auth/token</c>, <c>POST /api/users</c>, <c>POST /api/apikeys</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .Accepts<TokenRequest>("application/json")
            .Produces<IssuedToken>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("auth")
            .WithSummary("Exchanges a user name and password for a bearer token.");
        endpoints.MapPost("/api/users", CreateUserAsync)
            .RequireAuthorization(Policies.Administration)
            .Accepts<NewUserRequest>("application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithTags("auth")
            .WithSummary("Creates a user.");
        endpoints.MapPost("/api/apikeys", CreateApiKeyAsync)
            .RequireAuthorization(Policies.Administration)
            .Accepts<NewApiKeyRequest>("application/json")
            .Produces<NewApiKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithTags("auth")
            .WithSummary("Creates an API key; the response is the only time the key is shown.");
        return endpoints;
    }

    private static async Task<IResult> IssueTokenAsync(HttpRequest request, SignInService signIn, CancellationToken cancellationToken)
    {
        BodyResult<TokenRequest> body = await JsonBody.ReadAsync<TokenRequest>(request, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        IssuedToken? token = await signIn.SignInAsync(body.Value!.UserName!, body.Value.Password!, cancellationToken).ConfigureAwait(false);
        return token is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused", detail: "unknown user name or wrong password")
            : TypedResults.Ok(token);
    }

    private static async Task<IResult> CreateUserAsync(
        HttpRequest request, CloudDatabase database, CredentialStore store, AuditLog audit, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        BodyResult<NewUserRequest> body = await JsonBody.ReadAsync<NewUserRequest>(request, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        NewUserRequest user = body.Value!;
        if (UnknownRole(user.Roles!) is { } unknown)
        {
            return JsonBody.Invalid("roles", unknown);
        }

        string actor = Caller.Actor(request.HttpContext.User);
        string hash = PasswordHasher.Hash(user.Password!, options.Value.PasswordIterations);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int written;
                try
                {
                    written = await store.UpsertUserAsync(connection, transaction, user.Name!, hash, user.Roles!, user.TechnicianId, replace: false, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex) when (user.TechnicianId is not null)
                {
                    // The only constraint left once the name conflict is absorbed is the technician reference.
                    return JsonBody.Invalid("technicianId", "no such technician: " + ex.Message);
                }

                if (written == 0)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "User exists", detail: $"a user named {user.Name} exists");
                }

                await audit.AppendAsync(connection, transaction, actor, "user.create", "user/" + user.Name, "roles=" + string.Join(',', user.Roles!), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return TypedResults.Created("/api/users/" + Uri.EscapeDataString(user.Name!), new { name = user.Name, roles = user.Roles, technicianId = user.TechnicianId });
    }

    private static async Task<IResult> CreateApiKeyAsync(
        HttpRequest request, CloudDatabase database, CredentialStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        BodyResult<NewApiKeyRequest> body = await JsonBody.ReadAsync<NewApiKeyRequest>(request, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        NewApiKeyRequest key = body.Value!;
        if (UnknownRole(key.Roles!) is { } unknown)
        {
            return JsonBody.Invalid("roles", unknown);
        }

        string actor = Caller.Actor(request.HttpContext.User);
        string secret = ApiKeyHasher.NewKey();
        string hash = ApiKeyHasher.Hash(secret);
        string id = "k_" + hash[..16];
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await store.InsertApiKeyAsync(connection, transaction, id, hash, key.Name!, key.Roles!, cancellationToken).ConfigureAwait(false);
                await audit.AppendAsync(connection, transaction, actor, "apikey.create", "apikey/" + id, $"name={key.Name}; roles={string.Join(',', key.Roles!)}", cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return TypedResults.Created("/api/apikeys/" + id, new NewApiKeyResponse(id, key.Name!, key.Roles!, secret));
    }

    private static string? UnknownRole(IReadOnlyList<string> roles)
    {
        string? unknown = roles.FirstOrDefault(r => !Roles.All.Contains(r));
        return unknown is null ? null : $"unknown role '{unknown}'; roles are {string.Join(", ", Roles.All)}";
    }
}
