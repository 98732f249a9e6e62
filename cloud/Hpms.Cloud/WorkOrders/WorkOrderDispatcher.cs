using System.Data.Common;
using Dapper;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.WorkOrders;

/// <summary>
/// Assigns created and reopened work orders, most urgent and oldest first, by <see cref="DispatchPolicy"/>.
/// Each assignment names the version it read, so work another instance assigned meanwhile is not
/// assigned twice. Work nobody can take stays as it is and is counted (SLA escalation follows).
/// </summary>
public sealed partial class WorkOrderDispatcher(
    CloudDatabase database,
    TechnicianStore technicians,
    WorkOrderService service,
    WorkOrderMetrics metrics,
    IOptions<WorkOrderOptions> options,
    TimeProvider clock,
    ILogger<WorkOrderDispatcher> logger)
{
    /// <summary>Dispatches every waiting work order once.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How many were assigned and how many nobody could take.</returns>
    public async Task<(int Assigned, int Unassignable)> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Pending> pending = await PendingAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            metrics.Unassignable(0);
            return (0, 0);
        }

        var candidates = (await technicians.CandidatesAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        int minute = ShiftWindow.MinuteOfDay(clock.GetUtcNow().ToUnixTimeMilliseconds(), options.Value.SiteUtcOffset);
        int assigned = 0;
        int unassignable = 0;
        foreach (Pending p in pending)
        {
            string? chosen = DispatchPolicy.Choose(p.Skill, p.Zone, minute, candidates.Values);
            if (chosen is null)
            {
                unassignable++;
                LogUnassignable(logger, p.Id, p.Skill, p.Zone);
                continue;
            }

            WorkOrderChange change = await service.TransitionAsync(p.Id, new WorkOrderCommand(WorkOrderAction.Assign, TechnicianId: chosen, ExpectedVersion: p.Version), WorkOrderActor.Dispatch, cancellationToken).ConfigureAwait(false);
            if (change.IsDone)
            {
                assigned++;
                metrics.Dispatched();
                candidates[chosen] = candidates[chosen] with { OpenLoad = candidates[chosen].OpenLoad + 1 };
                LogAssigned(logger, p.Id, chosen);
            }
        }

        metrics.Unassignable(unassignable);
        return (assigned, unassignable);
    }

    private async Task<IReadOnlyList<Pending>> PendingAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<Pending> rows = await connection.QueryAsync<Pending>(new CommandDefinition(
                "SELECT id AS Id, skill AS Skill, zone AS Zone, version AS Version FROM work_orders WHERE state IN ('created', 'reopened') ORDER BY priority, created_ms, id",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId} assigned to {TechnicianId}")]
    private static partial void LogAssigned(ILogger logger, long workOrderId, string technicianId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Work order {WorkOrderId} has no technician with skill {Skill} on shift (zone {Zone})")]
    private static partial void LogUnassignable(ILogger logger, long workOrderId, string skill, string zone);

    private sealed class Pending
    {
        public long Id { get; set; }

        public string Skill { get; set; } = string.Empty;

        public string Zone { get; set; } = string.Empty;

        public int Version { get; set; }
    }
}
