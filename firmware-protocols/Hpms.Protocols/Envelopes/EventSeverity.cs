namespace Hpms.Protocols.Envelopes;

/// <summary>How urgent an event is.</summary>
public enum EventSeverity
{
    /// <summary>Worth recording (JSON <c>info</c>).</summary>
    Info,

    /// <summary>Needs attention soon (JSON <c>warning</c>).</summary>
    Warning,

    /// <summary>Needs attention now: patient safety or stock at risk (JSON <c>critical</c>).</summary>
    Critical,
}
