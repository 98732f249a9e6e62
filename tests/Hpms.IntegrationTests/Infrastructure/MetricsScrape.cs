using System.Globalization;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>Reads a Prometheus text page (the edge's and the cloud's <c>/metrics</c>) into series → value.</summary>
internal static class MetricsScrape
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Every sample on <paramref name="url"/>, keyed as written (<c>name{labels}</c>); null when the host does not answer.</summary>
    public static async Task<IReadOnlyDictionary<string, double>?> TryReadAsync(Uri url)
    {
        string text;
        try
        {
            text = await s_http.GetStringAsync(url);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }

        Dictionary<string, double> samples = new(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            int space = line.LastIndexOf(' ');
            if (line.StartsWith('#') || space <= 0)
            {
                continue;
            }

            if (double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                samples[line[..space]] = value;
            }
        }

        return samples;
    }
}
