using System.Data.Common;
using System.Text;
using Dapper;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.WorkOrders;

/// <summary>Reads work orders for the API: lists, one with its transitions, and KPI records.</summary>
public sealed class WorkOrderQueries(CloudDatabase database)
{
    private const string Columns =
        "id AS Id, asset_id AS AssetId, cause AS Cause, title AS Title, description AS Description, priority AS Priority, state AS State, " +
        "skill AS Skill, zone AS Zone, source AS Source, source_ref AS SourceRef, alarm_id AS AlarmId, assigned_to AS AssignedTo, " +
        "escalation_level AS EscalationLevel, reopen_count AS ReopenCount, created_ms AS CreatedMs, response_due_ms AS ResponseDueMs, " +
        "resolution_due_ms AS ResolutionDueMs, assigned_ms AS AssignedMs, accepted_ms AS AcceptedMs, started_ms AS StartedMs, " +
        "resolved_ms AS ResolvedMs, verified_ms AS VerifiedMs, closed_ms AS ClosedMs, cancelled_ms AS CancelledMs, reopened_ms AS ReopenedMs, " +
        "resolution_note AS ResolutionNote, verified_by AS VerifiedBy, version AS Version";

    /// <summary>Work orders, newest first.</summary>
    /// <param name="state">Only this state (already validated), or all.</param>
    /// <param name="assignedTo">Only this technician's, or all.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The work orders.</returns>
    public async Task<IReadOnlyList<WorkOrderView>> ListAsync(string? state, string? assignedTo, int limit, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT ").Append(Columns).Append(" FROM work_orders WHERE 1 = 1");
        if (state is not null)
        {
            sql.Append(" AND state = @state");
        }

        if (assignedTo is not null)
        {
            sql.Append(" AND assigned_to = @assignedTo");
        }

        sql.Append(" ORDER BY id DESC LIMIT @limit");
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<WorkOrderView> rows = await connection.QueryAsync<WorkOrderView>(new CommandDefinition(
                sql.ToString(), new { state, assignedTo, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows];
        }
    }

    /// <summary>One work order with its transitions.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The work order, or null.</returns>
    public async Task<WorkOrderView?> GetAsync(long id, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            WorkOrderView? view = await connection.QuerySingleOrDefaultAsync<WorkOrderView>(new CommandDefinition(
                $"SELECT {Columns} FROM work_orders WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (view is null)
            {
                return null;
            }

            IEnumerable<WorkOrderTransitionView> transitions = await connection.QueryAsync<WorkOrderTransitionView>(new CommandDefinition(
                "SELECT from_state AS \"From\", to_state AS \"To\", at_ms AS AtMs, actor AS Actor, note AS Note FROM work_order_transitions WHERE work_order_id = @id ORDER BY id",
                new { id },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            view.Transitions = [.. transitions];
            return view;
        }
    }

    /// <summary>The KPIs of a period and team.</summary>
    /// <param name="fromUnixMs">Period start, inclusive.</param>
    /// <param name="toUnixMs">Period end, exclusive.</param>
    /// <param name="team">Whose work.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The report.</returns>
    public async Task<KpiReport> KpisAsync(long fromUnixMs, long toUnixMs, KpiTeam team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The period's cohort plus whatever could still be open at its end (the backlog).
            IEnumerable<WorkOrderView> rows = await connection.QueryAsync<WorkOrderView>(new CommandDefinition(
                $"""
                SELECT {Columns} FROM work_orders
                WHERE created_ms < @toUnixMs
                  AND (created_ms >= @fromUnixMs OR state NOT IN ('closed', 'cancelled') OR closed_ms >= @toUnixMs OR cancelled_ms >= @toUnixMs)
                """,
                new { fromUnixMs, toUnixMs },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            IEnumerable<WorkOrderRecord> records = rows
                .Where(r => WorkOrderStateText.TryParse(r.State, out _))
                .Select(r => new WorkOrderRecord(
                    r.Id,
                    WorkOrderStateText.TryParse(r.State, out WorkOrderState s) ? s : WorkOrderState.Created,
                    r.Skill,
                    r.Zone,
                    r.CreatedMs,
                    r.ResponseDueMs,
                    r.ResolutionDueMs,
                    r.AcceptedMs,
                    r.ResolvedMs,
                    r.ClosedMs,
                    r.CancelledMs,
                    r.ReopenCount));
            return WorkOrderKpis.Calculate(records, fromUnixMs, toUnixMs, team);
        }
    }
}
