using System.Net;
using System.Text;
using Hpms.Cloud.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class InfluxQueryClientTests
{
    private static InfluxQueryClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer, string user = "") =>
        new(Microsoft.Extensions.Options.Options.Create(new MaintenanceOptions { Influx = { Url = "http://influx:8086/", Database = "hpms", Username = user, Timeout = TimeSpan.FromSeconds(5) } }), new StubHandler(answer));

    [Fact]
    public async Task Query_PostsTheStatementToQueryWithDbAndEpochMs()
    {
        HttpRequestMessage? seen = null;
        string? form = null;
        using InfluxQueryClient client = Client(r =>
        {
            seen = r;
            form = r.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return Json(HttpStatusCode.OK, """{"results":[{"statement_id":0}]}""");
        }, user: "reader");

        InfluxQueryResult result = await client.QueryAsync("SELECT 1", CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("http://influx:8086/query?db=hpms&epoch=ms", seen.RequestUri!.ToString());
        Assert.Equal("q=SELECT+1", form);
        Assert.Equal("Basic", seen.Headers.Authorization?.Scheme);
        Assert.Equal((1L, 0L), (client.Queries, client.Failures));
    }

    [Fact]
    public async Task Query_HttpErrorWithServerMessage_FailedAndCounted()
    {
        using InfluxQueryClient client = Client(_ => Json(HttpStatusCode.Unauthorized, """{"error":"authorization failed"}"""));

        InfluxQueryResult result = await client.QueryAsync("SELECT 1", CancellationToken.None);

        Assert.Equal("HTTP 401: server: authorization failed", result.Error);
        Assert.Equal(1, client.Failures);
    }

    [Fact]
    public async Task Query_TransportErrorAndGarbage_FailedAndCountedNeverThrown()
    {
        using InfluxQueryClient down = Client(_ => throw new HttpRequestException("connection refused"));
        using InfluxQueryClient garbage = Client(_ => Json(HttpStatusCode.OK, "<html>"));

        InfluxQueryResult a = await down.QueryAsync("SELECT 1", CancellationToken.None);
        InfluxQueryResult b = await garbage.QueryAsync("SELECT 1", CancellationToken.None);

        Assert.Equal("transport: connection refused", a.Error);
        Assert.StartsWith("invalid JSON", b.Error, StringComparison.Ordinal);
        Assert.Equal((1L, 1L), (down.Failures, garbage.Failures));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
