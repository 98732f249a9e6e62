using Hpms.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Replenishment;

/// <summary>Runs <see cref="OrderExporter"/> every <see cref="SupplyOptions.ExportInterval"/> on the one instance holding the <c>order-export</c> lease.</summary>
public sealed partial class OrderExportService(OrderExporter exporter, JobLease lease, IOptions<SupplyOptions> options, TimeProvider clock, ILogger<OrderExportService> logger)
    : BackgroundService
{
    /// <summary>The lease's job name.</summary>
    public const string Job = "order-export";

    private readonly string _holder = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SupplyOptions o = options.Value;
        if (!o.ExportEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(o.ExportInterval, clock);
        do
        {
            try
            {
                // The lease outlives a round with all its retries, so a slow round is not taken over mid-way.
                TimeSpan ttl = o.ExportInterval * 2 + (o.ExportTimeout + o.ExportBackoff) * Math.Max(1, o.ExportMaxAttempts) * 2;
                if (await lease.TryAcquireAsync(Job, _holder, ttl, stoppingToken).ConfigureAwait(false))
                {
                    await exporter.ExportDueAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad round (database away, bad data) must not stop exports for good.
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Order export round failed; retrying next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
