using System.Security.Cryptography;
using System.Text;
using Hpms.Cloud.Security;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Operations;

/// <summary>
/// <c>/health</c> (alive), <c>/ready</c> (store migrated and reachable, command broker connected if
/// configured) and <c>/metrics</c> (Prometheus text of every <see cref="IMetricsSource"/>). All three are
/// anonymous for orchestrators and scrapers and left out of the OpenAPI document; <c>/metrics</c> requires
/// a bearer scrape key when <see cref="OperationsOptions.MetricsKeyEnv"/> or its file is set.
/// </summary>
public static class OperationsEndpoints
{
    /// <summary>Maps the three endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/ready", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/metrics", Metrics).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(Readiness readiness, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string?> checks = await readiness.CheckAsync(cancellationToken).ConfigureAwait(false);
        bool ready = checks.Values.All(v => v is null);
        var body = new { status = ready ? "ready" : "not ready", checks = checks.ToDictionary(c => c.Key, c => c.Value ?? "ok") };
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Metrics(HttpRequest request, IEnumerable<IMetricsSource> sources, IOptions<OperationsOptions> options)
    {
        if (SecretSource.Read(options.Value.MetricsKeyEnv, options.Value.MetricsKeyFile) is { } key && !HasKey(request, key))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Scrape key required", detail: "send Authorization: Bearer <metrics key>");
        }

        var text = new PrometheusText();
        foreach (IMetricsSource source in sources)
        {
            source.WriteTo(text);
        }

        return TypedResults.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    private static bool HasKey(HttpRequest request, string key)
    {
        string header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] offered = SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()));
        byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return CryptographicOperations.FixedTimeEquals(offered, expected);
    }
}
