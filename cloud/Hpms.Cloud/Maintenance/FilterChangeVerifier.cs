using System.Data.Common;
using Dapper;
using Hpms.Cloud.Domain.Maintenance;
using Hpms.Cloud.Storage;
using Hpms.Cloud.WorkOrders;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Maintenance;

/// <summary>
/// Closes the maintenance loop: every resolved <c>filter-clogging</c> work order is checked against the
/// unit's ΔP in InfluxDB (the highest value while it was open, the newest readings after the resolve);
/// when the readings show a clean filter it is verified as <c>system:telemetry</c> with the figures as
/// evidence. A unit without readings after the resolve simply waits for the next run.
/// </summary>
public sealed partial class FilterChangeVerifier(
    IOptions<MaintenanceOptions> options,
    InfluxQueryClient influx,
    CloudDatabase database,
    IWorkOrderVerifier verifier,
    ILogger<FilterChangeVerifier> logger)
{
    /// <summary>The actor recorded on automatic verification.</summary>
    public const string Actor = "system:telemetry";

    private const string Pressure = "filter.differential-pressure";
    private const string FinalResistance = "filter.final-resistance";
    private const int NewestReadings = 100;

    /// <summary>Checks every resolved filter change.</summary>
    /// <param name="nowUnixMs">Now.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>What was checked and verified.</returns>
    public async Task<VerificationRun> VerifyResolvedAsync(long nowUnixMs, CancellationToken cancellationToken)
    {
        List<ResolvedChange> resolved;
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            resolved = [.. await connection.QueryAsync<ResolvedChange>(new CommandDefinition(
                "SELECT id AS Id, asset_id AS AssetId, created_ms AS CreatedMs, resolved_ms AS ResolvedMs FROM work_orders " +
                "WHERE cause = @cause AND state = 'resolved' AND resolved_ms IS NOT NULL ORDER BY id",
                new { cause = MaintenanceCauses.FilterClogging },
                cancellationToken: cancellationToken)).ConfigureAwait(false)];
        }

        int verified = 0, failures = 0;
        foreach (ResolvedChange change in resolved)
        {
            InfluxQueryResult answer = await influx.QueryAsync(Query(change, nowUnixMs), cancellationToken).ConfigureAwait(false);
            if (!answer.Ok)
            {
                failures++;
                LogQueryFailed(logger, change.Id, answer.Error);
                continue;
            }

            FilterChangeVerdict verdict = Judge(answer);
            if (verdict.Verified && await verifier.VerifyAsync(change.Id, Actor, verdict.Evidence, cancellationToken).ConfigureAwait(false))
            {
                verified++;
                LogVerified(logger, change.Id, change.AssetId, verdict.Evidence);
            }
        }

        return new VerificationRun(resolved.Count, verified, failures);
    }

    private string Query(ResolvedChange change, long nowUnixMs)
    {
        MaintenanceOptions o = options.Value;
        string from = DeviceHistoryQuery.Identifier(o.AirHandlingUnitClass);
        string device = DeviceHistoryQuery.Literal(change.AssetId);
        string pressure = DeviceHistoryQuery.Identifier(Pressure);
        return $"SELECT max({pressure}) AS \"before\" FROM {from} WHERE \"device\" = {device} " +
               $"AND time >= {DeviceHistoryQuery.Nanoseconds(change.CreatedMs)} AND time <= {DeviceHistoryQuery.Nanoseconds(change.ResolvedMs)}; " +
               $"SELECT {pressure}, {DeviceHistoryQuery.Identifier(FinalResistance)} FROM {from} WHERE \"device\" = {device} " +
               $"AND time > {DeviceHistoryQuery.Nanoseconds(change.ResolvedMs)} AND time <= {DeviceHistoryQuery.Nanoseconds(nowUnixMs)} ORDER BY time DESC LIMIT {NewestReadings}";
    }

    private FilterChangeVerdict Judge(InfluxQueryResult answer)
    {
        MaintenanceOptions o = options.Value;
        double? before = null, final = null;
        var after = new List<TrendPoint>();
        foreach (InfluxSeries series in answer.Series)
        {
            int b = series.IndexOf("before"), p = series.IndexOf(Pressure), f = series.IndexOf(FinalResistance);
            foreach (InfluxRow row in series.Rows)
            {
                if (b >= 0 && row.Values[b] is double max)
                {
                    before = max;
                }

                if (p >= 0 && row.Values[p] is double value)
                {
                    after.Add(new TrendPoint(row.TimeUnixMs, value));
                }

                if (f >= 0 && final is null && row.Values[f] is double resistance && resistance > 0)
                {
                    final = resistance; // rows are newest first
                }
            }
        }

        return FilterChangeCheck.Assess(before, after, final ?? o.Filter.DefaultFinalResistancePa, o.Filter.MinValidPa, o.Verification);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId} on {AssetId} verified by telemetry: {Evidence}")]
    private static partial void LogVerified(ILogger logger, long workOrderId, string assetId, string evidence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Filter-change check of work order {WorkOrderId}: query failed: {Error}")]
    private static partial void LogQueryFailed(ILogger logger, long workOrderId, string? error);

    private sealed record ResolvedChange(long Id, string AssetId, long CreatedMs, long ResolvedMs);
}
