using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Maintenance;

/// <summary>
/// Runs InfluxQL over HTTP (<c>POST /query?db=…&amp;epoch=ms</c>, basic authentication when a user is set).
/// Transport errors, timeouts, HTTP errors and malformed answers come back as a failed result and are
/// counted in <see cref="Failures"/>; the caller carries on.
/// </summary>
public sealed class InfluxQueryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _queryUri;
    private long _queries;
    private long _failures;

    /// <summary>Initializes a new instance of the <see cref="InfluxQueryClient"/> class.</summary>
    /// <param name="options">Maintenance options (their <c>Influx</c> part).</param>
    /// <param name="handler">HTTP handler (tests); null for the default.</param>
    public InfluxQueryClient(IOptions<MaintenanceOptions> options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        InfluxQueryOptions o = options.Value.Influx;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = o.Timeout;
        _queryUri = new Uri($"{o.Url.TrimEnd('/')}/query?db={Uri.EscapeDataString(o.Database)}&epoch=ms");
        if (o.Username.Length > 0)
        {
            string secret = o.SecretEnv.Length > 0 ? Environment.GetEnvironmentVariable(o.SecretEnv) ?? string.Empty : string.Empty;
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Username}:{secret}")));
        }
    }

    /// <summary>Gets the queries sent.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>Gets the queries that failed (transport, HTTP, server or answer errors).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Runs a query.</summary>
    /// <param name="influxQl">One or more statements.</param>
    /// <param name="cancellationToken">Cancels the query (a cancellation by the caller is thrown; a timeout is a failed result).</param>
    /// <returns>The series, or the reason there are none.</returns>
    public async Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influxQl);
        Interlocked.Increment(ref _queries);
        InfluxQueryResult result = await SendAsync(influxQl, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            Interlocked.Increment(ref _failures);
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<InfluxQueryResult> SendAsync(string influxQl, CancellationToken cancellationToken)
    {
        try
        {
            using var body = new FormUrlEncodedContent([new KeyValuePair<string, string>("q", influxQl)]);
            using HttpResponseMessage response = await _http.PostAsync(_queryUri, body, cancellationToken).ConfigureAwait(false);
            byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            InfluxQueryResult parsed = InfluxAnswerParser.Parse(bytes);
            if (!response.IsSuccessStatusCode)
            {
                return InfluxQueryResult.Failed($"HTTP {(int)response.StatusCode}" + (parsed.Error is { } e ? ": " + e : string.Empty));
            }

            return parsed;
        }
        catch (HttpRequestException e)
        {
            return InfluxQueryResult.Failed("transport: " + e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InfluxQueryResult.Failed("timed out");
        }
    }
}
