using System.Data.Common;
using System.Globalization;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.WorkOrders;

/// <summary>
/// Inserts a work order in state <c>created</c> with its SLA deadlines, its first transition and an audit
/// record, all in the caller's transaction. The partial unique index on (asset, cause) over open states
/// makes a second request for the same open condition a no-op, whichever instance sends it.
/// </summary>
public sealed class WorkOrderOpener(SlaPolicy sla, AuditLog audit, TimeProvider clock) : IWorkOrderOpener
{
    /// <inheritdoc/>
    public async Task<long?> OpenAsync(WorkOrderRequest request, string actor, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(connection);
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        (long responseDue, long resolutionDue) = sla.Deadlines(request.Priority, now);
        long? id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO work_orders (asset_id, cause, title, description, priority, state, skill, zone, source, source_ref, alarm_id,
                                     created_ms, response_due_ms, resolution_due_ms)
            VALUES (@AssetId, @Cause, @Title, @Description, @Priority, 'created', @Skill, @Zone, @Source, @SourceRef, @AlarmId,
                    @now, @responseDue, @resolutionDue)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new
            {
                request.AssetId,
                request.Cause,
                request.Title,
                request.Description,
                request.Priority,
                request.Skill,
                request.Zone,
                request.Source,
                request.SourceRef,
                request.AlarmId,
                now,
                responseDue,
                resolutionDue,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (id is not long created)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO work_order_transitions (work_order_id, from_state, to_state, at_ms, actor, note) VALUES (@created, NULL, 'created', @now, @actor, @note)",
            new { created, now, actor, note = request.Title },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(connection, transaction, actor, "workorder.create", string.Create(CultureInfo.InvariantCulture, $"workorder/{created}"),
            $"{request.AssetId} {request.Cause} {request.Priority} ({request.Source} {request.SourceRef})", cancellationToken).ConfigureAwait(false);
        return created;
    }
}
