namespace Hpms.Edge.Rules;

/// <summary>How urgently a person must act on an event.</summary>
public enum EventSeverity
{
    /// <summary>For the record (an excursion report, a counter step).</summary>
    Info,

    /// <summary>Needs attention this shift (a filter to change, stock to reorder).</summary>
    Warning,

    /// <summary>Patient safety or product loss at stake (fridge out of range, gas pressure).</summary>
    Critical,
}
