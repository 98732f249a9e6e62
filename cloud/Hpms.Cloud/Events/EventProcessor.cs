using System.Data.Common;
using System.Text;
using Dapper;
using Hpms.Cloud.Storage;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Events;

/// <summary>
/// Exactly-once event handling on top of at-least-once delivery: records (event id, state) in the
/// <c>events</c> ledger with <c>ON CONFLICT DO NOTHING</c> and, only when the row is new, runs every
/// <see cref="IEventConsumer"/> in the same transaction. Two instances receiving the same event race on
/// the ledger's primary key: one inserts, the other waits for its commit and finds the row.
/// </summary>
public sealed class EventProcessor(CloudDatabase database, IEnumerable<IEventConsumer> consumers)
{
    private readonly IEventConsumer[] _consumers = consumers.ToArray();

    /// <summary>Records and handles one event unless it was seen before.</summary>
    /// <param name="received">The event.</param>
    /// <param name="cancellationToken">Cancels the work (the transaction rolls back).</param>
    /// <returns>Whether it was handled or a duplicate.</returns>
    public async Task<EventOutcome> ProcessAsync(ReceivedEvent received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        DeviceEvent e = received.Event;
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int inserted = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO events (event_id, state, kind, device_id, started_ms, received_ms, payload)
                    VALUES (@id, @state, @kind, @device, @started, @received, @payload)
                    ON CONFLICT DO NOTHING
                    """,
                    new
                    {
                        id = e.Id,
                        state = StateName(e.State),
                        kind = e.Kind,
                        device = e.Device.DeviceId,
                        started = e.StartedUnixMs,
                        received = received.ReceivedUnixMs,
                        payload = Encoding.UTF8.GetString(EnvelopeCodec.Encode(e)),
                    },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (inserted == 0)
                {
                    return EventOutcome.Duplicate;
                }

                foreach (IEventConsumer consumer in _consumers)
                {
                    await consumer.HandleAsync(received, connection, transaction, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return EventOutcome.Handled;
            }
        }
    }

    /// <summary>The ledger's name of an event state.</summary>
    /// <param name="state">The state.</param>
    /// <returns><c>active</c>, <c>cleared</c> or <c>momentary</c>.</returns>
    public static string StateName(EventState state) => state switch
    {
        EventState.Active => "active",
        EventState.Cleared => "cleared",
        _ => state.ToString().ToLowerInvariant(),
    };
}
