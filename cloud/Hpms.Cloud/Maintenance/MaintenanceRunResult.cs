namespace Hpms.Cloud.Maintenance;

/// <summary>What one run of the predictive-maintenance job did.</summary>
/// <param name="Ran">False when another instance holds the lease.</param>
/// <param name="SeriesAnalysed">Device channels analysed.</param>
/// <param name="Predictions">Trustworthy crossings predicted (within the lead time or not).</param>
/// <param name="Findings">Findings that asked for a work order.</param>
/// <param name="Opened">Work orders opened (the rest were already open or already done).</param>
/// <param name="QueryFailures">InfluxDB queries that failed.</param>
/// <param name="Verified">Resolved filter changes verified by telemetry.</param>
public sealed record MaintenanceRunResult(bool Ran, int SeriesAnalysed, int Predictions, int Findings, int Opened, int QueryFailures, int Verified)
{
    /// <summary>Gets the result of a run skipped because another instance holds the lease.</summary>
    public static MaintenanceRunResult Skipped { get; } = new(false, 0, 0, 0, 0, 0, 0);
}
