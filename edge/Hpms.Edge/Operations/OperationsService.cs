using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Operations;

/// <summary>
/// Serves <c>/metrics</c> and <c>/health</c> on the configured loopback URL and writes the health file.
/// A port already in use is logged and the gateway keeps polling: reporting must never stop the work.
/// </summary>
public sealed partial class OperationsService(IOptions<OperationsOptions> options, EdgeMetrics metrics, ILogger<OperationsService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OperationsOptions o = options.Value;
        Task http = string.IsNullOrWhiteSpace(o.MetricsUrl) ? Task.CompletedTask : ServeAsync(o.MetricsUrl, stoppingToken);
        Task file = string.IsNullOrWhiteSpace(o.HealthFile) ? Task.CompletedTask : WriteHealthAsync(o.HealthFile, o.HealthInterval, stoppingToken);
        await Task.WhenAll(http, file).ConfigureAwait(false);
    }

    private async Task ServeAsync(string prefix, CancellationToken stoppingToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix.EndsWith('/') ? prefix : prefix + "/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException ex)
        {
            LogListenFailed(logger, ex, prefix);
            return;
        }

        LogListening(logger, prefix);
        using CancellationTokenRegistration stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            (byte[] body, string type, int status) = context.Request.Url?.AbsolutePath switch
            {
                "/metrics" => (Encoding.UTF8.GetBytes(metrics.Prometheus()), "text/plain; version=0.0.4", 200),
                "/health" => (metrics.HealthJson(), "application/json", 200),
                _ => ("not found\n"u8.ToArray(), "text/plain", 404),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            await context.Response.OutputStream.WriteAsync(body, stoppingToken).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private async Task WriteHealthAsync(string path, TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                // Write then rename, so a watchdog never reads half a file.
                string temp = path + ".tmp";
                await File.WriteAllBytesAsync(temp, metrics.HealthJson(), stoppingToken).ConfigureAwait(false);
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogHealthFileFailed(logger, ex, path);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Metrics and health on {Prefix}metrics and {Prefix}health")]
    private static partial void LogListening(ILogger logger, string prefix);

    [LoggerMessage(2, LogLevel.Error, "Cannot serve metrics on {Prefix}; the gateway keeps polling without them")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, string prefix);

    [LoggerMessage(3, LogLevel.Warning, "Cannot write the health file {Path}")]
    private static partial void LogHealthFileFailed(ILogger logger, Exception exception, string path);
}
