using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hpms.Cloud.Api;
using Hpms.Cloud.Commands;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Cloud;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>
/// Fuzz targets over the cloud API's JSON bodies (time-bounded, see <see cref="FuzzBudget"/>): <see cref="JsonBody"/>
/// in-process for every request record, then the real app over HTTP for every JSON endpoint. Inputs are valid bodies
/// mutated by <see cref="JsonMutator"/>. Properties: never a 5xx; a body that is not JSON is a 400 problem-details;
/// any 400 is problem-details.
/// </summary>
public sealed class ApiBodyFuzzTests(ITestOutputHelper output)
{
    private static readonly (string, byte[])[] s_bodies =
    [
        ("token", """{"userName":"viewer","password":"not-the-password"}"""u8.ToArray()),
        ("user", """{"name":"fuzz.user","password":"a-long-password-1","roles":["viewer"],"technicianId":null}"""u8.ToArray()),
        ("apikey", """{"name":"fuzz-key","roles":["viewer","supply"]}"""u8.ToArray()),
        ("command", """{"args":{"value":4.5,"reason":"fuzz"}}"""u8.ToArray()),
        ("workorder", """{"assetId":"fridge-07","cause":"fuzz","title":"Check the fridge","description":"d","priority":"high","skill":"refrigeration","zone":"pharmacy"}"""u8.ToArray()),
        ("transition", """{"note":"n","reason":"r","technicianId":"tech-1","expectedVersion":1}"""u8.ToArray()),
        ("technician", """{"id":"tech-1","name":"Ann","skills":["refrigeration"],"zones":["pharmacy"],"shiftStartMinute":0,"shiftEndMinute":1440,"escalationLevel":1,"active":true,"contact":null}"""u8.ToArray()),
    ];

    private static readonly Dictionary<string, (string Path, string? Role)> s_endpoints = new(StringComparer.Ordinal)
    {
        ["token"] = ("/api/auth/token", null),
        ["user"] = ("/api/users", Roles.Admin),
        ["apikey"] = ("/api/apikeys", Roles.Admin),
        ["command"] = ("/api/devices/fridge-07/commands/setpoint", Roles.Engineer),
        ["workorder"] = ("/api/workorders", Roles.Engineer),
        ["transition"] = ("/api/workorders/1/accept", Roles.Technician),
        ["technician"] = ("/api/technicians", Roles.Admin),
    };

    [Fact]
    public void JsonBody_MutatedBodies_GiveAValueOrA4xxProblem() =>
        Fuzzer.Run(output, "api-json-body", JsonMutator.Of(s_bodies), input =>
        {
            Check<TokenRequest>(input);
            Check<NewUserRequest>(input);
            Check<NewApiKeyRequest>(input);
            Check<CommandRequest>(input);
        });

    [Fact]
    public async Task CloudApi_MutatedBodiesOverHttp_NeverA5xxAndMalformedIsA400Problem()
    {
        await using CloudApp app = await CloudApp.StartAsync();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { [string.Empty] = app.Anonymous() };
        foreach (string role in s_endpoints.Values.Select(e => e.Role).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            clients[role] = await app.ClientAsync(role);
        }

        var statuses = new SortedDictionary<int, int>();
        try
        {
            // Synchronous property over async HTTP: the fuzzer's loop is synchronous, each request waits (bounded by the client timeout).
            Fuzzer.Run(output, "api-over-http", JsonMutator.Of(s_bodies), input =>
            {
                (string path, string? role) = s_endpoints[input.Origin];
                using var content = new ByteArrayContent(input.Bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = clients[role ?? string.Empty].PostAsync(new Uri(path, UriKind.Relative), content).GetAwaiter().GetResult();
                int status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                string type = response.Content.Headers.ContentType?.MediaType ?? "(none)";
                Assert.True(status < 500, $"{path}: {status} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
                // A work-order transition's body is optional: an empty one is no body, not a malformed one.
                if (!IsJson(input.Bytes) && !(input.Bytes.Length == 0 && input.Origin == "transition"))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: malformed body gave {status}");
                }

                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    Assert.True(type == "application/problem+json", $"{path}: 400 as {type}");
                }
            },
            FuzzBudget.PerTarget,
            batch: 10);
        }
        finally
        {
            output.WriteLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
            foreach (HttpClient client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    // Found by fuzzing: a malformed body on an endpoint bound by minimal API ([FromBody] record) was a 500 in the
    // Development environment (ThrowOnBadRequest); the input is the fuzzer's, verbatim.
    [Theory]
    [InlineData("/api/technicians", Roles.Admin)]
    [InlineData("/api/workorders", Roles.Engineer)]
    [InlineData("/api/workorders/1/accept", Roles.Technician)]
    public async Task MinimalApiBody_MalformedJson_Is400ProblemNot500(string path, string role)
    {
        const string Body = "{\"unknownField\":\"tech-1\",\"name\":\"Ann\",\"skills\":[\"refrigeration\"],\"zones\":[\"pharmacy\"],\"shiftStartMinute\":0,"
            + "\"shiftEndMinute\":1440,\"escalationLevel\":1,\"active\":true,\"contact\":\":nulnull}";
        await using CloudApp app = await CloudApp.StartAsync();
        using HttpClient client = await app.ClientAsync(role);
        using var content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static void Check<T>(FuzzInput input)
        where T : class
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(input.Bytes);
        BodyResult<T> result = JsonBody.ReadAsync<T>(context.Request, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(result.IsValid ^ result.Problem is not null);
        if (result.Problem is not null)
        {
            int? status = (result.Problem as IStatusCodeHttpResult)?.StatusCode;
            Assert.True(status is 400 or 413, $"{typeof(T).Name}: {status}");
        }
        else if (!IsJson(input.Bytes))
        {
            Assert.Fail($"{typeof(T).Name}: accepted a body that is not JSON");
        }
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 100_000 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
