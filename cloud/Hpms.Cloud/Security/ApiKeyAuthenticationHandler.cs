using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header: the key's SHA-256 is looked up among live keys in
/// <c>api_keys</c>; the principal carries the key's name and roles with the same claim types as a token.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    CredentialStore store, SecurityMetrics metrics) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out Microsoft.Extensions.Primitives.StringValues values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        StoredApiKey? key = await store.FindApiKeyAsync(ApiKeyHasher.Hash(values[0]!), Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            metrics.CountApiKeyRejected();
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        List<Claim> claims = [new(ClaimNames.Name, key.Name), new(ClaimNames.AuthenticatedBy, "api-key")];
        claims.AddRange(key.RoleList.Select(r => new Claim(ClaimNames.Role, r)));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimNames.Name, ClaimNames.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
