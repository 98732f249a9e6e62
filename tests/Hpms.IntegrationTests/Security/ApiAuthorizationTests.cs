using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Cloud;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Security;

/// <summary>
/// Walks every operation of the served OpenAPI document of the real app and checks it against the roles its
/// endpoint's own authorization metadata admits (read from the running app's endpoints and policy provider,
/// so it cannot drift from cloud/Hpms.Cloud): anonymous → 401, every other role → 403, an admitted role gets
/// past authorization. Every endpoint must name a role policy, except the public ones listed here.
/// </summary>
public sealed partial class ApiAuthorizationTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Endpoints open to anyone (orchestrators, scrapers, the page's static files, sign-in), by route pattern.</summary>
    private static readonly HashSet<string> s_public = new(StringComparer.Ordinal)
    {
        "GET /health", "GET /ready", "GET /metrics", "GET /openapi/{documentName}.json",
        "GET /", "GET /app", "GET /app/{file}", "POST /api/auth/token",
    };

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private CloudApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await CloudApp.StartAsync();
        foreach (string role in Roles.All)
        {
            _clients[role] = await _app.ClientAsync(role);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (HttpClient client in _clients.Values)
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Endpoints_EveryOneButThePublicList_NamesARolePolicy()
    {
        IReadOnlyList<EndpointRoles> endpoints = await EndpointRolesAsync();

        Assert.Empty(endpoints.Where(e => e.Anonymous && !s_public.Contains(e.Key)).Select(e => e.Key));
        Assert.Empty(endpoints.Where(e => !e.Anonymous && e.Roles is null).Select(e => e.Key + " has no role policy"));
        Assert.Equal(s_public.Order(StringComparer.Ordinal), endpoints.Where(e => e.Anonymous).Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenApi_EveryOperation_RefusesAnonymous401AndEveryOtherRole403()
    {
        Dictionary<string, EndpointRoles> byKey = (await EndpointRolesAsync()).ToDictionary(e => e.Key, StringComparer.Ordinal);
        using HttpClient anonymous = _app.Anonymous();
        using JsonDocument document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json"));
        JsonElement schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.True(schemes.TryGetProperty("Bearer", out _));
        Assert.True(schemes.TryGetProperty(ApiKeyAuthenticationHandler.SchemeName, out _));
        List<string> failures = [];
        HashSet<string> walked = new(StringComparer.Ordinal);
        int refusals = 0;
        foreach (JsonProperty path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                string method = operation.Name.ToUpperInvariant();
                string key = method + " " + path.Name;
                walked.Add(key);
                if (!byKey.TryGetValue(key, out EndpointRoles? endpoint))
                {
                    failures.Add($"{key}: in the document but no endpoint of the app matches it");
                    continue;
                }

                string url = Concrete(path.Name, operation.Value, path.Value);
                if (endpoint.Anonymous)
                {
                    continue; // the public list (sign-in); checked above
                }

                if (endpoint.Roles is null)
                {
                    failures.Add($"{key}: no role policy");
                    continue;
                }

                Check(failures, key, "anonymous", await SendAsync(anonymous, method, url), HttpStatusCode.Unauthorized);
                foreach (string role in Roles.All.Where(r => !endpoint.Roles.Contains(r)))
                {
                    Check(failures, key, role, await SendAsync(_clients[role], method, url), HttpStatusCode.Forbidden);
                    refusals++;
                }

                // Positive control: the least privileged admitted role gets past authorization.
                string admitted = Roles.All.First(endpoint.Roles.Contains);
                HttpStatusCode allowed = await SendAsync(_clients[admitted], method, url);
                if (allowed is HttpStatusCode.Unauthorized || (allowed is HttpStatusCode.Forbidden && !IsOwnershipRefusal(key)))
                {
                    failures.Add($"{key}: admitted role {admitted} got {(int)allowed}");
                }
            }
        }

        // The document hides nothing: every non-public endpoint is walked.
        failures.AddRange(byKey.Values.Where(e => !e.Anonymous && !walked.Contains(e.Key)).Select(e => $"{e.Key}: not in the OpenAPI document"));
        output.WriteLine($"{walked.Count} operations walked, {refusals} wrong-role requests, {byKey.Count} endpoints ({byKey.Values.Count(e => e.Anonymous)} public)");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(walked.Count >= 25, $"only {walked.Count} operations in the document");
        Assert.True(refusals >= 40, $"only {refusals} wrong-role checks");
    }

    [Fact]
    public async Task OpenApi_ApiKeyWithTheViewerRole_RefusedWhereViewerIsRefused()
    {
        using HttpClient admin = _clients[Roles.Admin];
        using HttpResponseMessage created = await admin.PostAsync("api/apikeys", Json("{\"name\":\"walk\",\"roles\":[\"viewer\"]}"));
        created.EnsureSuccessStatusCode();
        string key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        using HttpClient withKey = _app.Anonymous();
        withKey.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        List<string> failures = [];
        foreach (EndpointRoles endpoint in (await EndpointRolesAsync()).Where(e => e is { Anonymous: false, Roles: not null } && !e.Roles.Contains(Roles.Viewer)))
        {
            Check(failures, endpoint.Key, "viewer api key", await SendAsync(withKey, endpoint.Method, Concrete(endpoint.Pattern)), HttpStatusCode.Forbidden);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Technicians act only on work orders assigned to them: the service's own 403, after authorization.</summary>
    private static bool IsOwnershipRefusal(string key) => key.StartsWith("POST /api/workorders/{id}/", StringComparison.Ordinal);

    private static void Check(List<string> failures, string key, string who, HttpStatusCode actual, HttpStatusCode expected)
    {
        if (actual != expected)
        {
            failures.Add($"{key}: {who} got {(int)actual}, expected {(int)expected}");
        }
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = Json("{}");
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A request path for an OpenAPI path: integer parameters become 1, others x.</summary>
    private static string Concrete(string path, JsonElement operation, JsonElement pathItem)
    {
        HashSet<string> integers = new(StringComparer.Ordinal);
        foreach (JsonElement parameters in new[] { operation, pathItem }.Select(e => e.TryGetProperty("parameters", out JsonElement p) ? p : default).Where(p => p.ValueKind == JsonValueKind.Array))
        {
            foreach (JsonElement parameter in parameters.EnumerateArray())
            {
                if (parameter.TryGetProperty("schema", out JsonElement schema) && schema.TryGetProperty("type", out JsonElement type) && type.ToString().Contains("integer", StringComparison.Ordinal))
                {
                    integers.Add(parameter.GetProperty("name").GetString()!);
                }
            }
        }

        return Parameter().Replace(path, m => integers.Contains(m.Groups[1].Value) ? "1" : "x").TrimStart('/');
    }

    /// <summary>A request path for a route pattern: constrained (numeric) parameters become 1, others x.</summary>
    private static string Concrete(string pattern) =>
        ConstrainedParameter().Replace(pattern, m => m.Groups[2].Success ? "1" : "x").TrimStart('/');

    /// <summary>Every route endpoint of the running app with the roles its combined authorization policy admits.</summary>
    private async Task<IReadOnlyList<EndpointRoles>> EndpointRolesAsync()
    {
        IAuthorizationPolicyProvider provider = _app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        List<EndpointRoles> result = [];
        foreach (RouteEndpoint endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // A group's "/" route ends in a slash the document leaves out ("/api/workorders/" → "/api/workorders").
            string pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            bool anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            AuthorizationPolicy? policy = await AuthorizationPolicy.CombineAsync(
                provider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            List<RolesAuthorizationRequirement> roles = policy?.Requirements.OfType<RolesAuthorizationRequirement>().ToList() ?? [];
            string[]? admitted = roles.Count == 0 ? null : [.. Roles.All.Where(r => roles.All(req => req.AllowedRoles.Contains(r)))];
            foreach (string method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                result.Add(new EndpointRoles(method, pattern, anonymous, admitted));
            }
        }

        return result;
    }

    [GeneratedRegex("\\{([^}:?]+)[^}]*\\}")]
    private static partial Regex Parameter();

    [GeneratedRegex("\\{([^}:?]+)(:[^}]+)?\\}")]
    private static partial Regex ConstrainedParameter();

    /// <summary>One method of one endpoint: its key as the OpenAPI document writes it, and who may call it.</summary>
    private sealed record EndpointRoles(string Method, string Pattern, bool Anonymous, string[]? Roles)
    {
        public string Key => Method + " " + Parameter().Replace(Pattern, "{$1}");
    }
}
