using Hpms.Cloud.Domain.Events;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Domain.Alarms;

/// <summary>Which events become alarms.</summary>
public static class AlarmPolicy
{
    /// <summary>
    /// Whether an event raises an alarm: an active or momentary event of warning or critical severity, or
    /// any door held open too long. (Cold-chain excursion reports are raised by the cold-chain consumer,
    /// which can attach them to the temperature alarm they belong to.)
    /// </summary>
    /// <param name="family">The event's family.</param>
    /// <param name="state">Its state.</param>
    /// <param name="severity">Its severity.</param>
    /// <returns>True when it raises an alarm.</returns>
    public static bool Raises(string family, EventState state, EventSeverity severity)
    {
        if (state == EventState.Cleared || family == EventFamilies.ColdChainExcursion)
        {
            return false;
        }

        return severity is EventSeverity.Warning or EventSeverity.Critical || family == EventFamilies.DoorOpenTooLong;
    }
}
