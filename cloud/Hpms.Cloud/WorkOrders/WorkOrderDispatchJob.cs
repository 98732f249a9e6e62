using System.Data.Common;
using System.Globalization;
using Dapper;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.WorkOrders;

/// <summary>
/// Every <see cref="WorkOrderOptions.DispatchInterval"/>: if this instance holds the job lease, assign
/// waiting work, escalate late work and refresh the open-by-state gauge. Tests call
/// <see cref="RunOnceAsync"/> with a fake clock instead of waiting for the timer.
/// </summary>
public sealed partial class WorkOrderDispatchJob(
    WorkOrderDispatcher dispatcher,
    SlaEscalator escalator,
    JobLease lease,
    CloudDatabase database,
    WorkOrderMetrics metrics,
    IOptions<WorkOrderOptions> options,
    TimeProvider clock,
    ILogger<WorkOrderDispatchJob> logger) : BackgroundService
{
    /// <summary>The lease's job name.</summary>
    public const string JobName = "workorders.dispatch";

    private readonly string _holder = options.Value.InstanceId
        ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    /// <summary>One run: nothing unless this instance holds (or takes) the lease.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did, or null when another instance holds the lease.</returns>
    public async Task<DispatchRun?> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!await lease.TryAcquireAsync(JobName, _holder, options.Value.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        (int assigned, int unassignable) = await dispatcher.DispatchPendingAsync(cancellationToken).ConfigureAwait(false);
        int escalated = await escalator.EscalateAsync(cancellationToken).ConfigureAwait(false);
        metrics.SetOpenByState(await OpenByStateAsync(cancellationToken).ConfigureAwait(false));
        return new DispatchRun(assigned, unassignable, escalated);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatchEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.DispatchInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // One failed run (database away, a bad row) must not stop dispatch: log and try next tick.
                LogRunFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Hand the job over at once instead of after the lease expires.
            await lease.ReleaseAsync(JobName, _holder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException)
        {
            LogReleaseFailed(logger, ex);
        }
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

    private async Task<IReadOnlyDictionary<string, long>> OpenByStateAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<(string State, long Count)> rows = await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
                "SELECT state, COUNT(*) FROM work_orders WHERE state NOT IN ('closed', 'cancelled') GROUP BY state",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the work-order dispatch lease; another instance takes it when it expires")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work-order dispatch run failed; retrying next interval")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
