using System.Security.Claims;
using System.Security.Cryptography;
using Hpms.Cloud.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hpms.Cloud.Tests.Security;

public sealed class TokenIssuerTests : IDisposable
{
    private readonly string _keyFile = Path.GetTempFileName();

    public TokenIssuerTests() => File.WriteAllText(_keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public async Task Issue_Technician_TokenValidatesWithRolesAndTechnicianId()
    {
        AuthOptions options = Options();
        JwtSigningKey key = JwtSigningKey.Load(options);
        var issuer = new TokenIssuer(Microsoft.Extensions.Options.Options.Create(options), key, new FakeTimeProvider(DateTimeOffset.UtcNow));

        IssuedToken token = issuer.Issue("tina", [Roles.Technician, Roles.Viewer], "tech-7");

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token.AccessToken, TokenIssuer.ValidationParameters(options, key));
        Assert.True(result.IsValid, result.Exception?.Message);
        ClaimsIdentity identity = result.ClaimsIdentity;
        Assert.Equal("tina", identity.Name);
        Assert.True(new ClaimsPrincipal(identity).IsInRole(Roles.Technician));
        Assert.True(new ClaimsPrincipal(identity).IsInRole(Roles.Viewer));
        Assert.False(new ClaimsPrincipal(identity).IsInRole(Roles.Admin));
        Assert.Equal("tech-7", identity.FindFirst(ClaimNames.TechnicianId)?.Value);
        Assert.Equal(3600, token.ExpiresIn);
    }

    [Fact]
    public async Task Issue_NoTechnician_NoTechnicianClaim()
    {
        AuthOptions options = Options();
        JwtSigningKey key = JwtSigningKey.Load(options);
        IssuedToken token = new TokenIssuer(Microsoft.Extensions.Options.Options.Create(options), key, TimeProvider.System).Issue("eve", [Roles.Engineer], null);

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token.AccessToken, TokenIssuer.ValidationParameters(options, key));
        Assert.True(result.IsValid);
        Assert.Null(result.ClaimsIdentity.FindFirst(ClaimNames.TechnicianId));
    }

    [Fact]
    public async Task Validate_OtherKey_Invalid()
    {
        AuthOptions options = Options();
        IssuedToken token = new TokenIssuer(Microsoft.Extensions.Options.Options.Create(options), JwtSigningKey.Load(options), TimeProvider.System).Issue("eve", [Roles.Admin], null);
        File.WriteAllText(_keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token.AccessToken, TokenIssuer.ValidationParameters(options, JwtSigningKey.Load(options)));
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Validate_IssuedTwoHoursAgo_Expired()
    {
        AuthOptions options = Options();
        JwtSigningKey key = JwtSigningKey.Load(options);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        IssuedToken token = new TokenIssuer(Microsoft.Extensions.Options.Options.Create(options), key, clock).Issue("eve", [Roles.Admin], null);

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token.AccessToken, TokenIssuer.ValidationParameters(options, key));
        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public void TryLoad_ShortKey_RefusedWithReason()
    {
        File.WriteAllText(_keyFile, Convert.ToBase64String(new byte[31]));
        Assert.Null(JwtSigningKey.TryLoad(Options(), out string? error));
        Assert.Contains("31 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_NoKey_Fails()
    {
        var options = new AuthOptions { JwtKeyEnv = "HPMS_TEST_UNSET_" + Guid.NewGuid().ToString("N") };
        Assert.True(new AuthOptionsValidator().Validate(null, options).Failed);
    }

    public void Dispose() => File.Delete(_keyFile);

    private AuthOptions Options() => new() { JwtKeyFile = _keyFile };
}
