using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hpms.Cloud.Hosting;
using Hpms.Cloud.Security;
using Hpms.Cloud.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hpms.IntegrationTests.Cloud.WorkOrders;

/// <summary>The work-order API over real HTTP on SQLite: policies, validation, ownership, conflicts, problem details.</summary>
[Collection("postgres")]
public sealed class WorkOrderEndpointsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Api_WorkOrderLoop_AnswersWithTheRightStatusAndProblemDetails()
    {
        await using CloudStore store = await CloudStore.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await using WebApplication app = await StartAsync(store);
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        var admin = ("root", "admin", (string?)null);
        var engineer = ("eve", "engineer", (string?)null);
        var alice = ("alice", "technician", (string?)"t1");
        var bob = ("bob", "technician", (string?)"t2");
        var viewer = ("vic", "viewer", (string?)null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/workorders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, engineer, "/api/technicians", TechBody("t1", "z1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, admin, "/api/technicians", TechBody("t1", "z1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, admin, "/api/technicians", TechBody("t2", "z2"))).StatusCode);
        HttpResponseMessage badTech = await Send(http, admin, "/api/technicians", new { id = "t3", name = "X", skills = new List<string>(), zones = new List<string> { "a,b" }, escalationLevel = 4 });
        Assert.Equal(["escalationLevel", "skills", "zones"], (await Errors(badTech)).Order(StringComparer.Ordinal));

        var body = new { assetId = "ahu-1", cause = "filter", title = "Change filter", priority = "P2", skill = "hvac", zone = "z1" };
        HttpResponseMessage badCreate = await Send(http, engineer, "/api/workorders", body with { priority = "P9" });
        Assert.Equal(HttpStatusCode.BadRequest, badCreate.StatusCode);
        Assert.Equal(["priority"], await Errors(badCreate));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, alice, "/api/workorders", body)).StatusCode);
        HttpResponseMessage created = await Send(http, engineer, "/api/workorders", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await Send(http, engineer, "/api/workorders", body)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, alice, $"/api/workorders/{id}/assign", new { technicianId = "t1" })).StatusCode);
        Assert.Equal(["technicianId"], await Errors(await Send(http, engineer, $"/api/workorders/{id}/assign", new { technicianId = "ghost" })));
        Assert.Equal(HttpStatusCode.OK, (await Send(http, engineer, $"/api/workorders/{id}/assign", new { technicianId = "t1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, viewer, $"/api/workorders/{id}/accept", null)).StatusCode);
        HttpResponseMessage notYours = await Send(http, bob, $"/api/workorders/{id}/accept", null);
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        Assert.Equal("application/problem+json", notYours.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, alice, $"/api/workorders/{id}/accept", null)).StatusCode);
        HttpResponseMessage again = await Send(http, alice, $"/api/workorders/{id}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Send(http, alice, $"/api/workorders/{id}/start", new { expectedVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, alice, $"/api/workorders/{id}/start", new { expectedVersion = 2 })).StatusCode);
        Assert.Equal(["note"], await Errors(await Send(http, alice, $"/api/workorders/{id}/resolve", new { })));
        Assert.Equal(HttpStatusCode.OK, (await Send(http, alice, $"/api/workorders/{id}/resolve", new { note = "replaced" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, alice, $"/api/workorders/{id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, engineer, $"/api/workorders/{id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, engineer, $"/api/workorders/{id}/close", null)).StatusCode);
        Assert.Equal(["note"], await Errors(await Send(http, engineer, $"/api/workorders/{id}/reopen", null)));
        Assert.Equal(HttpStatusCode.OK, (await Send(http, engineer, $"/api/workorders/{id}/reopen", new { reason = "leaking" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(http, engineer, "/api/workorders/999/cancel", new { reason = "x" })).StatusCode);

        JsonElement one = await Get(http, viewer, $"/api/workorders/{id}");
        Assert.Equal(
            ["created", "assigned", "accepted", "in_progress", "resolved", "verified", "closed", "reopened"],
            one.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("to").GetString()));
        Assert.Equal("leaking", one.GetProperty("transitions")[7].GetProperty("note").GetString());
        Assert.Equal(1, (await Get(http, alice, "/api/workorders?mine=true")).GetArrayLength());
        Assert.Equal(0, (await Get(http, bob, "/api/workorders?mine=true")).GetArrayLength());
        Assert.Equal(1, (await Get(http, viewer, "/api/workorders?state=reopened&assigned_to=t1")).GetArrayLength());
        Assert.Equal(["state"], await Errors(await Send(http, viewer, "/api/workorders?state=done", null, HttpMethod.Get)));
        Assert.Equal(["mine"], await Errors(await Send(http, viewer, "/api/workorders?mine=true", null, HttpMethod.Get)));
        Assert.Equal(HttpStatusCode.NotFound, (await Send(http, viewer, "/api/workorders/999", null, HttpMethod.Get)).StatusCode);
        Assert.Equal(2, (await Get(http, viewer, "/api/technicians")).GetArrayLength());

        JsonElement kpis = await Get(http, viewer, "/api/kpis?team=zone:z1");
        Assert.Equal((1, 1), (kpis.GetProperty("created").GetInt32(), kpis.GetProperty("backlog").GetInt32()));
        Assert.Equal(["team"], await Errors(await Send(http, viewer, "/api/kpis?team=floor:3", null, HttpMethod.Get)));
        Assert.Equal(["from"], await Errors(await Send(http, viewer, "/api/kpis?from=2026-02-01&to=2026-01-01", null, HttpMethod.Get)));
    }

    private static object TechBody(string id, string zone) => new { id, name = id.ToUpperInvariant(), skills = new List<string> { "hvac" }, zones = new List<string> { zone } };

    private static async Task<WebApplication> StartAsync(CloudStore store)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["Database:ConnectionString"] = store.ConnectionString;
        builder.Configuration["WorkOrders:DispatchEnabled"] = "false";
        builder.AddCloudStorage().AddCloudEvents().AddCloudWorkOrders();
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(o =>
        {
            foreach ((string policy, string[] roles) in Policies.RolesOf)
            {
                o.AddPolicy(policy, b => b.RequireRole(roles));
            }
        });
        builder.Services.AddProblemDetails();
        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkOrderEndpoints();
        await app.StartAsync();
        return app;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, (string User, string Roles, string? Technician) who, string path, object? body, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, path);
        request.Headers.Add("X-Test-User", who.User);
        request.Headers.Add("X-Test-Roles", who.Roles);
        if (who.Technician is not null)
        {
            request.Headers.Add("X-Test-Technician", who.Technician);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }

    private static async Task<JsonElement> Get(HttpClient http, (string, string, string?) who, string path)
    {
        HttpResponseMessage response = await Send(http, who, path, null, HttpMethod.Get);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string[]> Errors(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}
