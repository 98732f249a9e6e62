using System.Data.Common;

namespace Hpms.Cloud.Events;

/// <summary>
/// Turns an event into work (an alarm, an order line, a hold, a work order). Called once per (event id,
/// state), inside the transaction that records the event in the ledger: whatever the consumer writes
/// commits with the ledger row or not at all, so a redelivered event does nothing and a crash mid-way
/// leaves nothing half done. Consumers ignore kinds that are not theirs.
/// </summary>
public interface IEventConsumer
{
    /// <summary>Handles one event.</summary>
    /// <param name="received">The event.</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The ledger's transaction; use it for every write.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    Task HandleAsync(ReceivedEvent received, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
