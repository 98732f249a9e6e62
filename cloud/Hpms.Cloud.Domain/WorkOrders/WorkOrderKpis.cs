namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>
/// Computes <see cref="KpiReport"/> from work-order records. The ratios are over the period's cohort
/// (created in it) without cancelled work; the backlog is everything open at the period end. Times after
/// the period end do not count (a late acceptance is not a response within the period).
/// </summary>
public static class WorkOrderKpis
{
    /// <summary>Computes the KPIs.</summary>
    /// <param name="records">Work orders (any period, any team: filtered here).</param>
    /// <param name="fromUnixMs">Period start, inclusive.</param>
    /// <param name="toUnixMs">Period end, exclusive.</param>
    /// <param name="team">Whose work.</param>
    /// <returns>The report.</returns>
    public static KpiReport Calculate(IEnumerable<WorkOrderRecord> records, long fromUnixMs, long toUnixMs, KpiTeam team)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(team);
        var teams = records.Where(team.Covers).ToList();
        var cohort = teams.Where(r => r.CreatedUnixMs >= fromUnixMs && r.CreatedUnixMs < toUnixMs).ToList();
        var counted = cohort.Where(r => !Before(r.CancelledUnixMs, toUnixMs)).ToList();

        var accepted = counted.Where(r => Before(r.AcceptedUnixMs, toUnixMs)).ToList();
        var resolved = counted.Where(r => Before(r.ResolvedUnixMs, toUnixMs)).ToList();
        var responseKnown = counted.Where(r => Before(r.AcceptedUnixMs, toUnixMs) || r.ResponseDueUnixMs < toUnixMs).ToList();
        var resolutionKnown = counted.Where(r => Before(r.ResolvedUnixMs, toUnixMs) || r.ResolutionDueUnixMs < toUnixMs).ToList();

        return new KpiReport(
            fromUnixMs,
            toUnixMs,
            team.ToString(),
            cohort.Count,
            Mean(accepted.Select(r => r.AcceptedUnixMs!.Value - r.CreatedUnixMs)),
            Mean(resolved.Select(r => r.ResolvedUnixMs!.Value - r.CreatedUnixMs)),
            Percent(responseKnown.Count(r => Before(r.AcceptedUnixMs, toUnixMs) && r.AcceptedUnixMs <= r.ResponseDueUnixMs), responseKnown.Count),
            Percent(resolutionKnown.Count(r => Before(r.ResolvedUnixMs, toUnixMs) && r.ResolvedUnixMs <= r.ResolutionDueUnixMs), resolutionKnown.Count),
            Percent(resolved.Count(r => r.ReopenCount == 0), resolved.Count),
            Percent(counted.Count(r => r.State == WorkOrderState.Closed && Before(r.ClosedUnixMs, toUnixMs)), counted.Count),
            teams.Count(r => r.CreatedUnixMs < toUnixMs && !Before(r.ClosedUnixMs, toUnixMs) && !Before(r.CancelledUnixMs, toUnixMs)));
    }

    private static bool Before(long? unixMs, long endUnixMs) => unixMs is long t && t < endUnixMs;

    private static TimeSpan? Mean(IEnumerable<long> durationsMs)
    {
        long sum = 0;
        int count = 0;
        foreach (long d in durationsMs)
        {
            sum += d;
            count++;
        }

        return count == 0 ? null : TimeSpan.FromMilliseconds((double)sum / count);
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;
}
