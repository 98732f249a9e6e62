using System.Data.Common;
using System.Globalization;
using Dapper;
using Hpms.Cloud.Domain.Maintenance;
using Hpms.Cloud.Storage;
using Hpms.Cloud.WorkOrders;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Maintenance;

/// <summary>
/// The periodic predictive-maintenance job: under the <c>predictive-maintenance</c> lease (one instance
/// runs it), reads the recent downsampled history of every air-handling unit and gas panel from
/// InfluxDB (one query per class), runs the domain analyses (filter ΔP forecast, vibration zones,
/// service interval, O2 line drift), opens a work order per finding — each in its own transaction, the
/// database keeping one open per asset and cause — and then verifies resolved filter changes.
/// </summary>
public sealed partial class PredictiveMaintenanceJob : BackgroundService
{
    /// <summary>The lease name.</summary>
    public const string JobName = "predictive-maintenance";

    /// <summary>The actor recorded on the work orders it opens.</summary>
    public const string Actor = "system:predictive";

    private static readonly HistoryField[] s_airHandlerFields =
    [
        new("filter.differential-pressure", "mean"),
        new("filter.final-resistance", "last"),
        new("fan.vibration", "mean"),
        new("fan.run-hours", "max"),
    ];

    private static readonly HistoryField[] s_gasPanelFields =
    [
        new("o2.pressure", "mean"),
        new("o2.pressure.low-limit", "last"),
        new("o2.pressure.high-limit", "last"),
    ];

    private readonly MaintenanceOptions _options;
    private readonly InfluxQueryClient _influx;
    private readonly CloudDatabase _database;
    private readonly JobLease _lease;
    private readonly IWorkOrderOpener _opener;
    private readonly FilterChangeVerifier _verifier;
    private readonly MaintenanceMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<PredictiveMaintenanceJob> _logger;
    private readonly string _holder;

    /// <summary>Initializes a new instance of the <see cref="PredictiveMaintenanceJob"/> class.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="influx">InfluxQL client.</param>
    /// <param name="database">The relational store.</param>
    /// <param name="lease">Job leases.</param>
    /// <param name="opener">Opens work orders.</param>
    /// <param name="verifier">Verifies filter changes.</param>
    /// <param name="metrics">Counters.</param>
    /// <param name="clock">Time.</param>
    /// <param name="logger">Log.</param>
    public PredictiveMaintenanceJob(
        IOptions<MaintenanceOptions> options,
        InfluxQueryClient influx,
        CloudDatabase database,
        JobLease lease,
        IWorkOrderOpener opener,
        FilterChangeVerifier verifier,
        MaintenanceMetrics metrics,
        TimeProvider clock,
        ILogger<PredictiveMaintenanceJob> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _influx = influx;
        _database = database;
        _lease = lease;
        _opener = opener;
        _verifier = verifier;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _holder = _options.InstanceId.Length > 0
            ? _options.InstanceId
            : string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Guid.NewGuid():N}");
    }

    /// <summary>Runs the analyses once if this instance holds (or can take) the lease.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did, or <see cref="MaintenanceRunResult.Skipped"/>.</returns>
    public async Task<MaintenanceRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!await _lease.TryAcquireAsync(JobName, _holder, _options.Interval * 2, cancellationToken).ConfigureAwait(false))
        {
            _metrics.Skipped();
            return MaintenanceRunResult.Skipped;
        }

        long started = _clock.GetTimestamp();
        long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var tally = new Tally();
        var work = new List<Work>();
        foreach (DeviceHistory unit in await HistoriesAsync(_options.AirHandlingUnitClass, s_airHandlerFields, _options.History, now, tally, cancellationToken).ConfigureAwait(false))
        {
            Collect(unit, "hvac", tally, work, FilterForecast.Assess(unit.Points("filter.differential-pressure"), unit.Latest("filter.final-resistance"), _options.Filter, now));
            Collect(unit, "hvac", tally, work, VibrationSeverity.Assess(unit.Points("fan.vibration"), _options.Vibration, now));
            if (unit.Latest("fan.run-hours") is double hours)
            {
                tally.Series++;
                Collect(unit, "hvac", tally, work, new TrendAssessment(null, null, ServiceIntervalCheck.Assess(hours, _options.Service)));
            }
        }

        foreach (DeviceHistory panel in await HistoriesAsync(_options.GasPanelClass, s_gasPanelFields, _options.GasHistory, now, tally, cancellationToken).ConfigureAwait(false))
        {
            Collect(panel, "medical-gas", tally, work, GasPressureDrift.Assess(
                panel.Points("o2.pressure"), panel.Latest("o2.pressure.low-limit"), panel.Latest("o2.pressure.high-limit"), _options.GasDrift, now));
        }

        int opened = await OpenAsync(work, cancellationToken).ConfigureAwait(false);
        VerificationRun verification = await _verifier.VerifyResolvedAsync(now, cancellationToken).ConfigureAwait(false);
        var result = new MaintenanceRunResult(true, tally.Series, tally.Predictions, work.Count, opened, tally.QueryFailures + verification.QueryFailures, verification.Verified);
        TimeSpan took = _clock.GetElapsedTime(started);
        _metrics.Ran(result, took);
        LogRun(_logger, result.SeriesAnalysed, result.Predictions, result.Findings, result.Opened, result.Verified, result.QueryFailures, took.TotalMilliseconds);
        return result;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        if (_options.Influx.Url.Length == 0)
        {
            LogNoInflux(_logger);
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, _clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One catch-all per loop: a failed run (database down, a bug) is logged and counted, and the next tick tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _metrics.Failed();
                LogRunFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static void Collect(DeviceHistory device, string skill, Tally tally, List<Work> work, TrendAssessment assessment)
    {
        if (assessment.Trend is { Count: > 0 })
        {
            tally.Series++;
        }

        if (assessment.PredictedUnixMs is not null)
        {
            tally.Predictions++;
        }

        if (assessment.Finding is MaintenanceFinding finding)
        {
            work.Add(new Work(device.DeviceId, device.ZoneTag, skill, finding));
        }
    }

    private async Task<IReadOnlyList<DeviceHistory>> HistoriesAsync(string deviceClass, HistoryField[] fields, TimeSpan history, long now, Tally tally, CancellationToken cancellationToken)
    {
        string query = DeviceHistoryQuery.Build(deviceClass, fields, now - (long)history.TotalMilliseconds, now + 1, _options.Bucket);
        InfluxQueryResult answer = await _influx.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        if (!answer.Ok)
        {
            tally.QueryFailures++;
            LogQueryFailed(_logger, deviceClass, answer.Error);
            return [];
        }

        return DeviceHistoryQuery.ToHistories(answer);
    }

    private async Task<int> OpenAsync(List<Work> work, CancellationToken cancellationToken)
    {
        if (work.Count == 0)
        {
            return 0;
        }

        int opened = 0;
        DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            Dictionary<string, string> zones = (await connection.QueryAsync<(string Id, string Zone)>(new CommandDefinition(
                    "SELECT id, zone FROM devices WHERE device_class IN (@a, @g)",
                    new { a = _options.AirHandlingUnitClass, g = _options.GasPanelClass },
                    cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToDictionary(d => d.Id, d => d.Zone, StringComparer.Ordinal);
            foreach (Work item in work)
            {
                string zone = zones.TryGetValue(item.DeviceId, out string? registered) ? registered : item.ZoneTag.Length > 0 ? item.ZoneTag : "unknown";
                try
                {
                    if (await OpenOneAsync(connection, item, zone, cancellationToken).ConfigureAwait(false) is long id)
                    {
                        opened++;
                        LogOpened(_logger, id, item.DeviceId, item.Finding.Cause, item.Finding.Priority, item.Finding.Description);
                    }
                }
                catch (DbException e)
                {
                    LogOpenFailed(_logger, item.DeviceId, item.Finding.Cause, e);
                }
            }
        }

        return opened;
    }

    private async Task<long?> OpenOneAsync(DbConnection connection, Work item, string zone, CancellationToken cancellationToken)
    {
        MaintenanceFinding f = item.Finding;
        DbTransaction transaction = await _database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // A service milestone already worked (even if closed since) is not asked for again; the unique
            // index keeps the open ones single, this only stops an early service from being repeated.
            if (f.Cause == MaintenanceCauses.ServiceInterval && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM work_orders WHERE asset_id = @asset AND cause = @cause AND source_ref = @reference AND state <> 'cancelled'",
                    new { asset = item.DeviceId, cause = f.Cause, reference = f.Reference },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            var request = new WorkOrderRequest(item.DeviceId, f.Cause, f.Title, f.Description, f.Priority, item.Skill, zone, "predictive", f.Reference, null);
            long? id = await _opener.OpenAsync(request, Actor, connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return id;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Predictive maintenance: {Series} series, {Predictions} predictions, {Findings} findings, {Opened} work orders opened, {Verified} verified, {QueryFailures} query failures in {Milliseconds} ms")]
    private static partial void LogRun(ILogger logger, int series, int predictions, int findings, int opened, int verified, int queryFailures, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Predictive work order {WorkOrderId} opened on {AssetId}: {Cause} {Priority}: {Description}")]
    private static partial void LogOpened(ILogger logger, long workOrderId, string assetId, string cause, string priority, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History of {DeviceClass} could not be read: {Error}")]
    private static partial void LogQueryFailed(ILogger logger, string deviceClass, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work order for {AssetId} {Cause} could not be opened")]
    private static partial void LogOpenFailed(ILogger logger, string assetId, string cause, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Predictive maintenance is off: no InfluxDB configured (Influx:Url or Maintenance:Influx:Url)")]
    private static partial void LogNoInflux(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Predictive-maintenance run failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);

    private sealed record Work(string DeviceId, string ZoneTag, string Skill, MaintenanceFinding Finding);

    private sealed class Tally
    {
        public int Series { get; set; }

        public int Predictions { get; set; }

        public int QueryFailures { get; set; }
    }
}
