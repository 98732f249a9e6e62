using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hpms.Cloud.Security;
using Hpms.Cloud.Web;
using Hpms.IntegrationTests.Cloud;

namespace Hpms.IntegrationTests.Browser;

/// <summary>The page's HTTP side without a browser: redirect, security headers, files, and <c>/api/me</c>.</summary>
public sealed class PageEndpointTests : IAsyncLifetime
{
    private CloudApp _app = null!;

    public async Task InitializeAsync() => _app = await CloudApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Root_Anonymous_RedirectsToPage()
    {
        using HttpClient client = _app.Anonymous();
        using HttpResponseMessage response = await client.GetAsync(new Uri(_app.Address, "/"));

        // HttpClient follows the redirect: the answer is the page.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/app", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("app", "text/html")]
    [InlineData("app/app.js", "text/javascript")]
    [InlineData("app/app.css", "text/css")]
    public async Task PageFiles_Anonymous_ServedWithCspAndNoSniff(string path, string contentType)
    {
        using HttpClient client = _app.Anonymous();
        using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(WebEndpoints.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Page_Html_HasNoInlineScriptOrStyle()
    {
        using HttpClient client = _app.Anonymous();
        string html = await client.GetStringAsync(new Uri("app", UriKind.Relative));

        Assert.Contains("<script type=\"module\" src=\"/app/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", html.Replace(" one", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("innerHTML", await client.GetStringAsync(new Uri("app/app.js", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageFile_Unknown_Returns404()
    {
        using HttpClient client = _app.Anonymous();
        using HttpResponseMessage response = await client.GetAsync(new Uri("app/secrets.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Me_Anonymous_Returns401()
    {
        using HttpClient client = _app.Anonymous();
        using HttpResponseMessage response = await client.GetAsync(new Uri("api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Viewer, "read")]
    [InlineData(Roles.Technician, "read,field-work")]
    [InlineData(Roles.Engineer, "read,field-work,engineering,device-commands")]
    [InlineData(Roles.Supply, "read,supply,device-commands")]
    [InlineData(Roles.Admin, "read,field-work,engineering,supply,device-commands,administration")]
    public async Task Me_Role_ReturnsNameRolesAndPolicies(string role, string policies)
    {
        using HttpClient client = await _app.ClientAsync(role);
        MeView? me = await client.GetFromJsonAsync<MeView>(new Uri("api/me", UriKind.Relative));

        Assert.NotNull(me);
        Assert.Equal(role, me.Name);
        Assert.Equal([role], me.Roles);
        Assert.Null(me.TechnicianId);
        Assert.Equal(policies.Split(','), me.Policies);
    }

    [Fact]
    public async Task Me_TechnicianUser_ReturnsTechnicianId()
    {
        using HttpClient admin = await _app.ClientAsync(Roles.Admin);
        string[] skills = ["gas"], zones = ["or"], roles = [Roles.Technician];
        (await admin.PostAsJsonAsync("api/technicians", new { id = "tech-bo", name = "Bo", skills, zones })).EnsureSuccessStatusCode();
        string password = Guid.NewGuid().ToString("N");
        (await admin.PostAsJsonAsync("api/users", new { name = "bo", password, roles, technicianId = "tech-bo" })).EnsureSuccessStatusCode();

        using HttpClient bo = _app.Anonymous();
        bo.DefaultRequestHeaders.Authorization = new("Bearer", await _app.TokenAsync("bo", password));
        using JsonDocument me = JsonDocument.Parse(await bo.GetStringAsync(new Uri("api/me", UriKind.Relative)));

        Assert.Equal("bo", me.RootElement.GetProperty("name").GetString());
        Assert.Equal("tech-bo", me.RootElement.GetProperty("technicianId").GetString());
    }
}
