using System.Data.Common;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;

namespace Hpms.Cloud.WorkOrders;

/// <summary>Reads and writes <c>technicians</c>; skills and zones are stored comma-separated.</summary>
public sealed class TechnicianStore(CloudDatabase database, AuditLog audit)
{
    /// <summary>Open work counted as a technician's load.</summary>
    internal const string LoadStates = "('assigned', 'accepted', 'in_progress')";

    /// <summary>Every technician, by id.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The technicians.</returns>
    public async Task<IReadOnlyList<Technician>> ListAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<Row> rows = await connection.QueryAsync<Row>(new CommandDefinition(
                Select + " ORDER BY t.id", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => r.ToTechnician())];
        }
    }

    /// <summary>Dispatch's view of every technician, with their current load.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The candidates.</returns>
    public async Task<IReadOnlyList<TechnicianCandidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<Row> rows = await connection.QueryAsync<Row>(new CommandDefinition(
                Select + " ORDER BY t.id", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new TechnicianCandidate(
                r.Id,
                Split(r.Skills).ToHashSet(StringComparer.Ordinal),
                Split(r.Zones).ToHashSet(StringComparer.Ordinal),
                new ShiftWindow(r.ShiftStartMinute, r.ShiftEndMinute),
                r.EscalationLevel,
                r.Active != 0,
                (int)r.OpenLoad))];
        }
    }

    /// <summary>Adds or replaces a technician, audited.</summary>
    /// <param name="technician">The technician (validated by the caller).</param>
    /// <param name="actor">Who.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(Technician technician, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(technician);
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await UpsertAsync(technician, connection, transaction, cancellationToken).ConfigureAwait(false);
                await audit.AppendAsync(
                    connection,
                    transaction,
                    actor,
                    "technician.save",
                    "technician/" + technician.Id,
                    $"{technician.Name} level {technician.EscalationLevel} skills {string.Join(',', technician.Skills)} zones {string.Join(',', technician.Zones)} active {technician.Active}",
                    cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Adds or replaces a technician.</summary>
    /// <param name="technician">The technician (validated by the caller).</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The caller's transaction (with its audit record).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public static Task UpsertAsync(Technician technician, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(technician);
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO technicians (id, name, skills, zones, shift_start_minute, shift_end_minute, escalation_level, active, contact)
            VALUES (@Id, @Name, @skills, @zones, @ShiftStartMinute, @ShiftEndMinute, @EscalationLevel, @active, @Contact)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, skills = excluded.skills, zones = excluded.zones,
                shift_start_minute = excluded.shift_start_minute, shift_end_minute = excluded.shift_end_minute,
                escalation_level = excluded.escalation_level, active = excluded.active, contact = excluded.contact
            """,
            new
            {
                technician.Id,
                technician.Name,
                skills = string.Join(',', technician.Skills),
                zones = string.Join(',', technician.Zones),
                technician.ShiftStartMinute,
                technician.ShiftEndMinute,
                technician.EscalationLevel,
                active = technician.Active ? 1 : 0,
                technician.Contact,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    private const string Select =
        "SELECT t.id AS Id, t.name AS Name, t.skills AS Skills, t.zones AS Zones, t.shift_start_minute AS ShiftStartMinute, " +
        "t.shift_end_minute AS ShiftEndMinute, t.escalation_level AS EscalationLevel, t.active AS Active, t.contact AS Contact, " +
        "(SELECT COUNT(*) FROM work_orders w WHERE w.assigned_to = t.id AND w.state IN " + LoadStates + ") AS OpenLoad FROM technicians t";

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed class Row
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Skills { get; set; } = string.Empty;

        public string Zones { get; set; } = string.Empty;

        public int ShiftStartMinute { get; set; }

        public int ShiftEndMinute { get; set; }

        public int EscalationLevel { get; set; }

        public int Active { get; set; }

        public string? Contact { get; set; }

        public long OpenLoad { get; set; }

        public Technician ToTechnician() =>
            new(Id, Name, Split(Skills), Split(Zones), ShiftStartMinute, ShiftEndMinute, EscalationLevel, Active != 0, Contact);
    }
}
