using System.Data.Common;
using System.Globalization;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hpms.Cloud.WorkOrders;

/// <summary>
/// Moves work orders along <see cref="WorkOrderStateMachine"/>. Each command is one transaction: read the
/// row, decide, update it only if its <c>version</c> is still the one read (optimistic concurrency: of two
/// concurrent accepts one wins, the other is a conflict), stamp the time, add a
/// <c>work_order_transitions</c> row and an audit record. <c>accepted_ms</c> and <c>started_ms</c> keep the
/// first time (response is measured once); reopen clears resolved, verified and closed times.
/// </summary>
public sealed class WorkOrderService(CloudDatabase database, AuditLog audit, IWorkOrderOpener opener, TimeProvider clock) : IWorkOrderVerifier
{
    /// <summary>Applies a command for an actor.</summary>
    /// <param name="workOrderId">The work order.</param>
    /// <param name="command">What to do.</param>
    /// <param name="actor">Who does it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What happened.</returns>
    public async Task<WorkOrderChange> TransitionAsync(long workOrderId, WorkOrderCommand command, WorkOrderActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                WorkOrderChange change;
                try
                {
                    change = await ApplyAsync(workOrderId, command, actor, connection, transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex) when (IsUniqueViolation(ex))
                {
                    // Reopening closed work while a newer work order is open for the same asset and cause.
                    return new WorkOrderChange(WorkOrderChangeOutcome.Conflict, null, null, 0);
                }

                if (change.IsDone)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return change;
            }
        }
    }

    /// <summary>Opens a work order by hand (source <c>manual</c>), with its first transition and audit record.</summary>
    /// <param name="request">What and why.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new id, or null when one is already open for the asset and cause.</returns>
    public async Task<long?> CreateAsync(WorkOrderRequest request, string actor, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long? id = await opener.OpenAsync(request, actor, connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return id;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<bool> VerifyAsync(long workOrderId, string actor, string evidence, CancellationToken cancellationToken)
    {
        WorkOrderChange change = await TransitionAsync(workOrderId, new WorkOrderCommand(WorkOrderAction.Verify, evidence), WorkOrderActor.System(actor), cancellationToken).ConfigureAwait(false);
        return change.IsDone;
    }

    private static bool IsUniqueViolation(DbException ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || ex is SqliteException { SqliteErrorCode: 19 };

    private static string Assignments(WorkOrderAction action) => action switch
    {
        WorkOrderAction.Assign => "assigned_to = @technician, assigned_ms = @now",
        WorkOrderAction.Accept => "accepted_ms = COALESCE(accepted_ms, @now)",
        WorkOrderAction.Start => "started_ms = COALESCE(started_ms, @now)",
        WorkOrderAction.Resolve => "resolved_ms = @now, resolution_note = @note",
        WorkOrderAction.Verify => "verified_ms = @now, verified_by = @actor",
        WorkOrderAction.Close => "closed_ms = @now",
        WorkOrderAction.Reopen => "reopened_ms = @now, reopen_count = reopen_count + 1, resolved_ms = NULL, verified_ms = NULL, verified_by = NULL, closed_ms = NULL",
        WorkOrderAction.Cancel => "cancelled_ms = @now",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static WorkOrderChangeOutcome Refusal(TransitionOutcome outcome) => outcome switch
    {
        TransitionOutcome.InvalidTransition => WorkOrderChangeOutcome.InvalidTransition,
        TransitionOutcome.Forbidden => WorkOrderChangeOutcome.Forbidden,
        TransitionOutcome.NoteRequired => WorkOrderChangeOutcome.NoteRequired,
        _ => WorkOrderChangeOutcome.UnknownTechnician,
    };

    private async Task<WorkOrderChange> ApplyAsync(long id, WorkOrderCommand command, WorkOrderActor actor, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        CurrentRow? row = await connection.QuerySingleOrDefaultAsync<CurrentRow>(new CommandDefinition(
            "SELECT state AS State, version AS Version, assigned_to AS AssignedTo FROM work_orders WHERE id = @id",
            new { id },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null || !WorkOrderStateText.TryParse(row.State, out WorkOrderState from))
        {
            return new(WorkOrderChangeOutcome.NotFound, null, null, 0);
        }

        if (command.ExpectedVersion is int expected && expected != row.Version)
        {
            return new(WorkOrderChangeOutcome.Conflict, from, from, row.Version);
        }

        TransitionDecision decision = WorkOrderStateMachine.Decide(from, command.Action, actor.Role, command.Note, command.TechnicianId);
        if (!decision.IsAllowed)
        {
            return new(Refusal(decision.Outcome), from, from, row.Version);
        }

        if (actor.Role == WorkOrderRole.Technician && (actor.TechnicianId is null || !string.Equals(actor.TechnicianId, row.AssignedTo, StringComparison.Ordinal)))
        {
            return new(WorkOrderChangeOutcome.NotAssignedToActor, from, from, row.Version);
        }

        if (command.Action == WorkOrderAction.Assign && !await IsActiveTechnicianAsync(command.TechnicianId!, connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            return new(WorkOrderChangeOutcome.UnknownTechnician, from, from, row.Version);
        }

        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        string to = WorkOrderStateText.Of(decision.To);
        int updated = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE work_orders SET state = @to, version = version + 1, {Assignments(command.Action)} WHERE id = @id AND version = @version",
            new { to, id, version = row.Version, now, technician = command.TechnicianId, note = command.Note, actor = actor.Name },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated == 0)
        {
            return new(WorkOrderChangeOutcome.Conflict, from, from, row.Version);
        }

        string? note = command.Action == WorkOrderAction.Assign
            ? "to " + command.TechnicianId + (string.IsNullOrWhiteSpace(command.Note) ? string.Empty : ": " + command.Note)
            : command.Note;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO work_order_transitions (work_order_id, from_state, to_state, at_ms, actor, note) VALUES (@id, @from, @to, @now, @actor, @note)",
            new { id, from = WorkOrderStateText.Of(from), to, now, actor = actor.Name, note },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await audit.AppendAsync(
            connection,
            transaction,
            actor.Name,
            "workorder." + WorkOrderActionText.Of(command.Action),
            string.Create(CultureInfo.InvariantCulture, $"workorder/{id}"),
            $"{WorkOrderStateText.Of(from)} -> {to}" + (note is null ? string.Empty : ": " + note),
            cancellationToken).ConfigureAwait(false);
        return new(WorkOrderChangeOutcome.Done, from, decision.To, row.Version + 1);
    }

    private static async Task<bool> IsActiveTechnicianAsync(string technicianId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        long count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM technicians WHERE id = @technicianId AND active = 1",
            new { technicianId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return count > 0;
    }

    private sealed class CurrentRow
    {
        public string State { get; set; } = string.Empty;

        public int Version { get; set; }

        public string? AssignedTo { get; set; }
    }
}
