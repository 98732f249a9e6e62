using System.Collections.Concurrent;
using System.Globalization;

namespace Hpms.Cloud.Operations;

/// <summary>Counts HTTP responses by method and status code, and API errors (4xx/5xx under <c>/api</c>), as middleware.</summary>
public sealed class HttpMetrics : IMetricsSource
{
    private readonly ConcurrentDictionary<(string Method, int Status), long> _responses = new();
    private long _clientErrors;
    private long _serverErrors;

    /// <summary>Counts one response.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Request path.</param>
    /// <param name="status">Status code.</param>
    public void Count(string method, PathString path, int status)
    {
        _responses.AddOrUpdate((method, status), 1, (_, n) => n + 1);
        if (!path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return;
        }

        if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }
        else if (status >= 400)
        {
            Interlocked.Increment(ref _clientErrors);
        }
    }

    /// <summary>The middleware: counts every response once it is complete.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task.</returns>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            Count(context.Request.Method, context.Request.Path, StatusCodes.Status500InternalServerError);
            throw;
        }

        Count(context.Request.Method, context.Request.Path, context.Response.StatusCode);
    }

    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (((string method, int status), long count) in _responses.OrderBy(p => p.Key.Method, StringComparer.Ordinal).ThenBy(p => p.Key.Status))
        {
            text.Counter("hpms_cloud_http_requests_total", "HTTP responses by method and status code.", count, ("method", method), ("code", status.ToString(CultureInfo.InvariantCulture)));
        }

        text.Counter("hpms_cloud_api_errors_total", "API responses with an error status, by class.", Interlocked.Read(ref _clientErrors), ("class", "4xx"));
        text.Counter("hpms_cloud_api_errors_total", "API responses with an error status, by class.", Interlocked.Read(ref _serverErrors), ("class", "5xx"));
    }
}
