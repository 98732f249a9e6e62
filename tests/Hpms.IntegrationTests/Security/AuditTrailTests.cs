using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Cloud;

namespace Hpms.IntegrationTests.Security;

/// <summary>
/// The audit log through the real API: every work-order transition and alarm acknowledgement, each by a
/// different signed-in user, is in <c>GET /api/audit</c> with who and when; and the log cannot be changed
/// through the API (the document offers only GET on audit paths; other methods are refused). Commands are
/// audited in <see cref="TlsEndToEndTests"/>, where the real cloud sends one to the real edge.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private static readonly string[] s_mutatingMethods = ["POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] s_skills = ["electrical"];
    private static readonly string[] s_zones = ["Z9"];
    private static readonly string[] s_technician = [Roles.Technician];
    private CloudApp _app = null!;

    public async Task InitializeAsync() => _app = await CloudApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WorkOrderTransitionsAndAlarmAcknowledgement_DifferentUsers_EachAuditedWithWhoAndWhen()
    {
        using HttpClient admin = await _app.ClientAsync(Roles.Admin);
        using HttpClient engineer = await _app.ClientAsync(Roles.Engineer);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // Technician Tess, and her sign-in linked to her technician record (technicians act only on their own work).
        await OkAsync(admin, "api/technicians", new { id = "tech-1", name = "Tess", skills = s_skills, zones = s_zones });
        await OkAsync(admin, "api/users", new { name = "tess", password = "a long enough password", roles = s_technician, technicianId = "tech-1" });
        using HttpClient technician = _app.Anonymous();
        technician.DefaultRequestHeaders.Authorization = new("Bearer", await _app.TokenAsync("tess", "a long enough password"));
        using JsonDocument created = await OkAsync(engineer, "api/workorders", new { assetId = "ahu-1", cause = "filter", title = "Replace filter", skill = "hvac", zone = "Z1", priority = "P3" });
        long id = created.RootElement.GetProperty("id").GetInt64();
        await OkAsync(engineer, $"api/workorders/{id}/assign", new { technicianId = "tech-1" });
        await OkAsync(technician, $"api/workorders/{id}/accept", new { });
        await OkAsync(technician, $"api/workorders/{id}/start", new { });
        await OkAsync(technician, $"api/workorders/{id}/resolve", new { note = "filter replaced" });
        await OkAsync(engineer, $"api/workorders/{id}/verify", new { note = "airflow back to normal" });
        await _app.AddDeviceAsync("fridge-1", "site-a", "gw-1", "cold-chain-fridge");
        long alarm = await _app.ScalarAsync<long>(
            "INSERT INTO alarms (event_id, device_id, kind, rule_id, series, severity, state, started_ms, message, values_json) "
            + "VALUES ('evt-1', 'fridge-1', 'temperature_high', 'r1', 's1', 'critical', 'active', @now, 'too warm', '{}') RETURNING id",
            new { now = before });
        await OkAsync(engineer, $"api/alarms/{alarm}/acknowledge", new { });
        await OkAsync(admin, $"api/alarms/{alarm}/clear", new { });
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using JsonDocument audit = JsonDocument.Parse(await admin.GetStringAsync("api/audit?limit=1000"));
        List<(string Actor, string Action, string Target, long AtMs)> rows = [.. audit.RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("actor").GetString()!, r.GetProperty("action").GetString()!, r.GetProperty("target").GetString()!, r.GetProperty("atMs").GetInt64()))
            .Where(r => r.Item3 == $"workorder/{id}" || r.Item3 == $"alarm/{alarm}")
            .Reverse()];
        Assert.Equal(
            [
                ("engineer", "workorder.create", $"workorder/{id}"), ("engineer", "workorder.assign", $"workorder/{id}"),
                ("tess", "workorder.accept", $"workorder/{id}"), ("tess", "workorder.start", $"workorder/{id}"),
                ("tess", "workorder.resolve", $"workorder/{id}"), ("engineer", "workorder.verify", $"workorder/{id}"),
                ("engineer", "alarm.acknowledge", $"alarm/{alarm}"), ("admin", "alarm.clear", $"alarm/{alarm}"),
            ],
            rows.Select(r => (r.Actor, r.Action, r.Target)));
        Assert.All(rows, r => Assert.InRange(r.AtMs, before, after));

        // Each stored transition has its audit record, written in the same transaction: the same actor, in order, within a second.
        using JsonDocument order = JsonDocument.Parse(await engineer.GetStringAsync($"api/workorders/{id}"));
        List<(string Actor, long AtMs)> transitions = [.. order.RootElement.GetProperty("transitions").EnumerateArray().Select(t => (t.GetProperty("actor").GetString()!, t.GetProperty("atMs").GetInt64()))];
        List<(string Actor, string Action, string Target, long AtMs)> audited = [.. rows.Where(r => r.Target.StartsWith("workorder/", StringComparison.Ordinal))];
        Assert.Equal(transitions.Select(t => t.Actor), audited.Select(r => r.Actor));
        Assert.All(transitions.Zip(audited), pair => Assert.InRange(pair.Second.AtMs - pair.First.AtMs, -1000, 1000));
        Assert.Equal("engineer", await _app.ScalarAsync<string>("SELECT acknowledged_by FROM alarms WHERE id = @alarm", new { alarm }));
    }

    [Fact]
    public async Task AuditPaths_OpenApiOffersOnlyGet_AndEveryMutatingMethodIsRefusedEvenForAdmin()
    {
        using HttpClient anonymous = _app.Anonymous();
        using JsonDocument document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json"));
        List<JsonProperty> auditPaths = [.. document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/audit", StringComparison.Ordinal))];
        Assert.NotEmpty(auditPaths);
        Assert.All(auditPaths, p => Assert.Equal(["get"], p.Value.EnumerateObject().Select(o => o.Name).Where(n => n != "parameters")));

        using HttpClient admin = await _app.ClientAsync(Roles.Admin);
        long rowsBefore = await _app.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log");
        foreach (string path in new[] { "api/audit", "api/audit/1" })
        {
            foreach (string method in s_mutatingMethods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { actor = "nobody" }) };
                using HttpResponseMessage response = await admin.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode}");
            }
        }

        Assert.Equal(rowsBefore, await _app.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log"));
    }

    private static async Task<JsonDocument> OkAsync(HttpClient client, string path, object body)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }
}
