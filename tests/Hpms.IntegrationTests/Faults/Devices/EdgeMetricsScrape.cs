using System.Globalization;
using System.Net.Http;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>One scrape of hpms-edge's /metrics: each sample by its name and label set, as Prometheus prints them.</summary>
internal sealed class EdgeMetricsScrape
{
    private readonly Dictionary<string, double> _samples;

    private EdgeMetricsScrape(Dictionary<string, double> samples, DateTimeOffset at)
    {
        _samples = samples;
        At = at;
    }

    public DateTimeOffset At { get; }

    public static async Task<EdgeMetricsScrape> FetchAsync(HttpClient http, Uri metrics)
    {
        string text = await http.GetStringAsync(metrics);
        return Parse(text, DateTimeOffset.UtcNow);
    }

    public static EdgeMetricsScrape Parse(string text, DateTimeOffset at)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            int space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return new EdgeMetricsScrape(samples, at);
    }

    /// <summary>A per-device counter, e.g. <c>hpms_edge_device_polls_total</c> of <paramref name="device"/> (0 when absent).</summary>
    public double Device(string name, string device) =>
        _samples.FirstOrDefault(s => s.Key.StartsWith(name + "{device=\"" + device + "\",", StringComparison.Ordinal)).Value;

    /// <summary>A sample by its exact series text, e.g. <c>hpms_edge_buffer_dropped_total{sink="mqtt",kind="telemetry"}</c> (0 when absent).</summary>
    public double Series(string series) => _samples.GetValueOrDefault(series);
}
