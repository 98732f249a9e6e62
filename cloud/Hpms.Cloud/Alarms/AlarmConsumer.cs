using System.Data.Common;
using Hpms.Cloud.Domain.Alarms;
using Hpms.Cloud.Events;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Alarms;

/// <summary>
/// Turns warning and critical events, and doors held open too long, into alarms (one per event id), and
/// clears them when the condition's cleared message arrives.
/// </summary>
public sealed class AlarmConsumer(AlarmWriter writer) : IEventConsumer
{
    /// <inheritdoc/>
    public async Task HandleAsync(ReceivedEvent received, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        DeviceEvent e = received.Event;
        if (e.State == EventState.Cleared)
        {
            await writer.ClearAsync(received, connection, transaction, cancellationToken).ConfigureAwait(false);
        }
        else if (AlarmPolicy.Raises(received.Kind.Family, e.State, e.Severity))
        {
            await writer.RaiseAsync(received, connection, transaction, cancellationToken).ConfigureAwait(false);
        }
    }
}
