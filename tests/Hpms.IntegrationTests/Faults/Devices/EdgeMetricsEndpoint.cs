using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>Where a test's hpms-edge serves /metrics (a free loopback port), and a client that scrapes it.</summary>
internal sealed class EdgeMetricsEndpoint : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _metrics;

    public EdgeMetricsEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Url = $"http://127.0.0.1:{port}/";
        _metrics = new Uri(Url + "metrics");
    }

    /// <summary>Gets the value for the edge's <c>Operations:MetricsUrl</c>.</summary>
    public string Url { get; }

    public Task<EdgeMetricsScrape> FetchAsync() => EdgeMetricsScrape.FetchAsync(_http, _metrics);

    /// <summary>Scrapes, or returns null while the edge is not listening (or not answering) yet.</summary>
    public async Task<EdgeMetricsScrape?> TryFetchAsync()
    {
        try
        {
            return await FetchAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null; // not listening yet, or too busy starting to answer within the client's timeout
        }
    }

    public void Dispose() => _http.Dispose();
}
