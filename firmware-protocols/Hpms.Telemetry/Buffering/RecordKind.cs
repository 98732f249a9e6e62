namespace Hpms.Telemetry.Buffering;

/// <summary>What a buffered record carries; decides its priority and what is dropped first when the buffer is full.</summary>
public enum RecordKind
{
    /// <summary>An event (breach started or cleared, door open too long): drains first, dropped only when no telemetry is left.</summary>
    Event = 0,

    /// <summary>Telemetry points: drain after events, dropped first (oldest first) when the buffer is full.</summary>
    Telemetry = 1,
}
