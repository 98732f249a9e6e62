using System.Data.Common;
using System.Globalization;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.WorkOrders;

/// <summary>
/// Raises late work orders to the level <see cref="SlaEscalation"/> says and tells that level's people:
/// one <c>notifications</c> row per active technician of each level reached, an audit record and a log
/// line. The level only rises through a conditional update on the level read, so each level is notified
/// once however many runs or instances see the breach.
/// </summary>
public sealed partial class SlaEscalator(
    CloudDatabase database,
    AuditLog audit,
    WorkOrderMetrics metrics,
    IOptions<WorkOrderOptions> options,
    TimeProvider clock,
    ILogger<SlaEscalator> logger)
{
    /// <summary>The actor recorded for escalations.</summary>
    public const string Actor = "system:sla";

    /// <summary>Escalates every open work order past a deadline.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How many work orders rose a level or more.</returns>
    public async Task<int> EscalateAsync(CancellationToken cancellationToken)
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        TimeSpan again = options.Value.EscalateAgainAfter;
        int escalated = 0;
        foreach (Late late in await LateAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (!WorkOrderStateText.TryParse(late.State, out WorkOrderState state))
            {
                continue;
            }

            var sla = new SlaClock(state, late.ResponseDueMs, late.ResolutionDueMs, late.AcceptedMs, late.ResolvedMs, late.EscalationLevel);
            int target = SlaEscalation.TargetLevel(sla, now, again);
            if (target <= Math.Max(1, late.EscalationLevel))
            {
                continue;
            }

            SlaBreach breach = SlaEscalation.BreachAt(sla, now);
            if (await RaiseAsync(late, target, breach, now, cancellationToken).ConfigureAwait(false))
            {
                escalated++;
                metrics.Escalated(breach);
                LogEscalated(logger, late.Id, late.EscalationLevel, target, breach);
            }
        }

        return escalated;
    }

    private async Task<bool> RaiseAsync(Late late, int target, SlaBreach breach, long now, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int raised = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE work_orders SET escalation_level = @target WHERE id = @id AND escalation_level = @level",
                    new { target, id = late.Id, level = late.EscalationLevel },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (raised == 0)
                {
                    return false;
                }

                string deadline = breach == SlaBreach.Response ? "response" : "resolution";
                foreach (int level in SlaEscalation.LevelsToNotify(late.EscalationLevel, target))
                {
                    int notified = await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO notifications (at_ms, recipient, subject, body, work_order_id)
                        SELECT @now, id, @subject, @body, @workOrderId FROM technicians WHERE active = 1 AND escalation_level = @level
                        """,
                        new
                        {
                            now,
                            subject = string.Create(CultureInfo.InvariantCulture, $"Work order {late.Id} escalated to level {level}"),
                            body = $"{late.Priority} {late.Title} ({late.AssetId}, {late.State}): {deadline} deadline missed.",
                            workOrderId = late.Id,
                            level,
                        },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (notified == 0)
                    {
                        LogNobodyAtLevel(logger, late.Id, level);
                    }
                }

                await audit.AppendAsync(
                    connection,
                    transaction,
                    Actor,
                    "workorder.escalate",
                    string.Create(CultureInfo.InvariantCulture, $"workorder/{late.Id}"),
                    string.Create(CultureInfo.InvariantCulture, $"level {late.EscalationLevel} -> {target}: {deadline} deadline missed"),
                    cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    private async Task<IReadOnlyList<Late>> LateAsync(long now, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<Late> rows = await connection.QueryAsync<Late>(new CommandDefinition(
                """
                SELECT id AS Id, asset_id AS AssetId, title AS Title, priority AS Priority, state AS State,
                       response_due_ms AS ResponseDueMs, resolution_due_ms AS ResolutionDueMs, accepted_ms AS AcceptedMs,
                       resolved_ms AS ResolvedMs, escalation_level AS EscalationLevel
                FROM work_orders
                WHERE state IN ('created', 'assigned', 'accepted', 'in_progress', 'reopened') AND escalation_level < @max
                  AND (response_due_ms <= @now OR resolution_due_ms <= @now)
                ORDER BY id
                """,
                new { now, max = SlaEscalation.MaxLevel },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work order {WorkOrderId} escalated from level {FromLevel} to {ToLevel} ({Breach} deadline missed)")]
    private static partial void LogEscalated(ILogger logger, long workOrderId, int fromLevel, int toLevel, SlaBreach breach);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work order {WorkOrderId} reached level {Level} but no active technician holds that level: nobody was notified")]
    private static partial void LogNobodyAtLevel(ILogger logger, long workOrderId, int level);

    private sealed class Late
    {
        public long Id { get; set; }

        public string AssetId { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        public string Priority { get; set; } = string.Empty;

        public string State { get; set; } = string.Empty;

        public long ResponseDueMs { get; set; }

        public long ResolutionDueMs { get; set; }

        public long? AcceptedMs { get; set; }

        public long? ResolvedMs { get; set; }

        public int EscalationLevel { get; set; }
    }
}
