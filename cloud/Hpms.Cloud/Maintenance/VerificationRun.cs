namespace Hpms.Cloud.Maintenance;

/// <summary>What one pass over the resolved filter changes did.</summary>
/// <param name="Checked">Resolved filter-clogging work orders looked at.</param>
/// <param name="Verified">Work orders verified.</param>
/// <param name="QueryFailures">InfluxDB queries that failed.</param>
public sealed record VerificationRun(int Checked, int Verified, int QueryFailures);
