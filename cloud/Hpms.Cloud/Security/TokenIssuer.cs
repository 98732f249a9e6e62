using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hpms.Cloud.Security;

/// <summary>Issues HS256 JWTs with the caller's name, role claims and technician id.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, JwtSigningKey key, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Issues a token.</summary>
    /// <param name="name">User name.</param>
    /// <param name="roles">Roles.</param>
    /// <param name="technicianId">Technician id, or null.</param>
    /// <returns>The token.</returns>
    public IssuedToken Issue(string name, IReadOnlyList<string> roles, string? technicianId)
    {
        ArgumentNullException.ThrowIfNull(roles);
        AuthOptions o = options.Value;
        DateTime now = clock.GetUtcNow().UtcDateTime;
        List<Claim> claims = [new(JwtRegisteredClaimNames.Sub, name), new(ClaimNames.Name, name)];
        claims.AddRange(roles.Select(r => new Claim(ClaimNames.Role, r)));
        if (!string.IsNullOrEmpty(technicianId))
        {
            claims.Add(new Claim(ClaimNames.TechnicianId, technicianId));
        }

        string token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + o.TokenLifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, "Bearer", (long)o.TokenLifetime.TotalSeconds, roles);
    }

    /// <summary>The parameters the bearer handler (and tests) validate tokens with.</summary>
    /// <param name="options">Auth options.</param>
    /// <param name="key">The signing key.</param>
    /// <returns>Validation parameters: issuer, audience, lifetime (30 s skew), HS256 signature.</returns>
    public static TokenValidationParameters ValidationParameters(AuthOptions options, JwtSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        return new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = ClaimNames.Name,
            RoleClaimType = ClaimNames.Role,
        };
    }
}
