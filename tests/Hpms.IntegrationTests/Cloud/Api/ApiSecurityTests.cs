using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hpms.Cloud.Security;

namespace Hpms.IntegrationTests.Cloud.Api;

/// <summary>
/// The real app on loopback: who gets in, who is refused, and how refusals look. The walk of every OpenAPI
/// operation against every role is Security/ApiAuthorizationTests.
/// </summary>
public sealed class ApiSecurityTests : IAsyncLifetime
{
    private static readonly string[] s_viewer = [Roles.Viewer];
    private static readonly string[] s_supply = [Roles.Supply];
    private static readonly string[] s_admin = [Roles.Admin];
    private static readonly string[] s_root = ["root"];
    private CloudApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await CloudApp.StartAsync();
        await _app.AddDeviceAsync("cab-1", "site-a", "gw-1", "smart-supply-cabinet");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Devices_Anonymous_401ProblemDetails()
    {
        using HttpClient client = _app.Anonymous();
        using HttpResponseMessage response = await client.GetAsync("api/devices");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Devices_Viewer_ListsTheDevice()
    {
        using HttpClient client = await _app.ClientAsync(Roles.Viewer);
        using JsonDocument devices = JsonDocument.Parse(await client.GetStringAsync("api/devices"));

        Assert.Equal("cab-1", devices.RootElement[0].GetProperty("id").GetString());
        using HttpResponseMessage missing = await client.GetAsync("api/devices/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Command_Viewer_403ProblemDetails()
    {
        using HttpClient client = await _app.ClientAsync(Roles.Viewer);
        using HttpResponseMessage response = await client.PostAsJsonAsync("api/devices/cab-1/commands/unlock", new { args = new { badge = "B-1" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await _app.ScalarAsync<long>("SELECT COUNT(*) FROM commands"));
    }

    [Fact]
    public async Task Audit_Viewer_403_Engineer_200()
    {
        using HttpClient viewer = await _app.ClientAsync(Roles.Viewer);
        using HttpResponseMessage refused = await viewer.GetAsync("api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using HttpClient engineer = await _app.ClientAsync(Roles.Engineer);
        using JsonDocument rows = JsonDocument.Parse(await engineer.GetStringAsync("api/audit?actor=engineer"));
        Assert.Contains(rows.RootElement.EnumerateArray(), r => r.GetProperty("action").GetString() == "auth.sign_in");
    }

    [Fact]
    public async Task Token_WrongPassword_401CountedAndAudited()
    {
        using HttpClient client = _app.Anonymous();
        using HttpResponseMessage response = await client.PostAsJsonAsync("api/auth/token", new { userName = "admin", password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1L, await _app.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.sign_in_failed' AND actor = 'admin'"));
        string metrics = await client.GetStringAsync("metrics");
        Assert.Contains("hpms_cloud_auth_failed_sign_ins_total 1", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"userName\":\"admin\"", "$")]
    [InlineData("{\"userName\":\"admin\"}", "password")]
    [InlineData("{\"userName\":\"admin\",\"password\":\"x\",\"extra\":1}", "$.extra")]
    [InlineData("{\"userName\":42,\"password\":\"x\"}", "$.userName")]
    public async Task Token_BadBody_400NamingTheField(string body, string field)
    {
        using HttpClient client = _app.Anonymous();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("api/auth/token", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task Token_OversizedBody_413()
    {
        using HttpClient client = _app.Anonymous();
        using var content = new StringContent("{\"userName\":\"" + new string('a', 100_000) + "\",\"password\":\"x\"}", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("api/auth/token", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ApiKey_CreatedByAdmin_WorksOnceShown_AndViewerCannotCreate()
    {
        using HttpClient admin = await _app.ClientAsync(Roles.Admin);
        using HttpResponseMessage created = await admin.PostAsJsonAsync("api/apikeys", new { name = "grafana", roles = s_viewer });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        Assert.Equal(1L, await _app.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE key_hash = @hash", new { hash = ApiKeyHasher.Hash(key) }));
        Assert.Equal(0L, await _app.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE key_hash = @key OR id = @key", new { key }));

        using HttpClient withKey = _app.Anonymous();
        withKey.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        using HttpResponseMessage devices = await withKey.GetAsync("api/devices");
        Assert.Equal(HttpStatusCode.OK, devices.StatusCode);
        using HttpResponseMessage audit = await withKey.GetAsync("api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);

        using HttpClient wrongKey = _app.Anonymous();
        wrongKey.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key + "x");
        using HttpResponseMessage refused = await wrongKey.GetAsync("api/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using HttpClient viewer = await _app.ClientAsync(Roles.Viewer);
        using HttpResponseMessage notAdmin = await viewer.PostAsJsonAsync("api/apikeys", new { name = "x", roles = s_admin });
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    [Fact]
    public async Task Users_AdminCreates_NewUserSignsIn_DuplicateIs409()
    {
        using HttpClient admin = await _app.ClientAsync(Roles.Admin);
        using HttpResponseMessage created = await admin.PostAsJsonAsync("api/users", new { name = "sam", password = "a long enough password", roles = s_supply });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(string.IsNullOrEmpty(await _app.TokenAsync("sam", "a long enough password")));

        using HttpResponseMessage again = await admin.PostAsJsonAsync("api/users", new { name = "sam", password = "another long password", roles = s_viewer });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using HttpResponseMessage badRole = await admin.PostAsJsonAsync("api/users", new { name = "ann", password = "a long enough password", roles = s_root });
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
    }

    [Fact]
    public async Task Operations_HealthReadyMetrics_Anonymous()
    {
        using HttpClient client = _app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health")).StatusCode);
        using HttpResponseMessage ready = await client.GetAsync("ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\":\"ok\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await client.GetAsync("api/devices");
        string metrics = await client.GetStringAsync("metrics");
        Assert.Contains("hpms_cloud_http_requests_total{method=\"GET\",code=\"401\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_commands_total{outcome=\"succeeded\"} 0", metrics, StringComparison.Ordinal);
    }
}
