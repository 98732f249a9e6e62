using Hpms.Cloud.Operations;

namespace Hpms.Cloud.Maintenance;

/// <summary>Counters of the predictive-maintenance job for <c>/metrics</c> (<c>hpms_cloud_maintenance_…</c>).</summary>
public sealed class MaintenanceMetrics : IMetricsSource
{
    private long _runs;
    private long _skipped;
    private long _failedRuns;
    private long _lastRunMicroseconds;
    private long _series;
    private long _predictions;
    private long _findings;
    private long _opened;
    private long _queryFailures;
    private long _verified;

    /// <summary>Gets the runs done by this instance.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Gets the work orders this instance opened.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>Gets the failed InfluxDB queries.</summary>
    public long QueryFailures => Interlocked.Read(ref _queryFailures);

    /// <summary>Records a completed run.</summary>
    /// <param name="result">What it did.</param>
    /// <param name="duration">How long it took.</param>
    public void Ran(MaintenanceRunResult result, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(result);
        Interlocked.Increment(ref _runs);
        Interlocked.Exchange(ref _lastRunMicroseconds, (long)(duration.TotalMilliseconds * 1000));
        Interlocked.Add(ref _series, result.SeriesAnalysed);
        Interlocked.Add(ref _predictions, result.Predictions);
        Interlocked.Add(ref _findings, result.Findings);
        Interlocked.Add(ref _opened, result.Opened);
        Interlocked.Add(ref _queryFailures, result.QueryFailures);
        Interlocked.Add(ref _verified, result.Verified);
    }

    /// <summary>Records a run skipped because another instance holds the lease.</summary>
    public void Skipped() => Interlocked.Increment(ref _skipped);

    /// <summary>Records a run that failed with an unexpected error.</summary>
    public void Failed() => Interlocked.Increment(ref _failedRuns);

    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Counter("hpms_cloud_maintenance_runs_total", "Predictive-maintenance runs done by this instance.", Runs);
        text.Counter("hpms_cloud_maintenance_runs_skipped_total", "Runs skipped because another instance holds the lease.", Interlocked.Read(ref _skipped));
        text.Counter("hpms_cloud_maintenance_runs_failed_total", "Runs that failed with an unexpected error.", Interlocked.Read(ref _failedRuns));
        text.Gauge("hpms_cloud_maintenance_last_run_seconds", "Duration of the last run.", Interlocked.Read(ref _lastRunMicroseconds) / 1e6);
        text.Counter("hpms_cloud_maintenance_series_analysed_total", "Device channels analysed.", Interlocked.Read(ref _series));
        text.Counter("hpms_cloud_maintenance_predictions_total", "Trustworthy limit crossings predicted.", Interlocked.Read(ref _predictions));
        text.Counter("hpms_cloud_maintenance_findings_total", "Findings that asked for a work order.", Interlocked.Read(ref _findings));
        text.Counter("hpms_cloud_maintenance_work_orders_opened_total", "Predictive work orders opened.", Opened);
        text.Counter("hpms_cloud_maintenance_query_failures_total", "InfluxDB queries that failed.", QueryFailures);
        text.Counter("hpms_cloud_maintenance_verified_total", "Filter changes verified by telemetry.", Interlocked.Read(ref _verified));
    }
}
