namespace Hpms.Cloud.Events;

/// <summary>What <see cref="EventProcessor.ProcessAsync"/> did with an event.</summary>
public enum EventOutcome
{
    /// <summary>First time seen: recorded and handled.</summary>
    Handled,

    /// <summary>Already in the ledger with this state: nothing done.</summary>
    Duplicate,
}
