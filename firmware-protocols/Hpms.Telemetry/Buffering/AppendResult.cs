namespace Hpms.Telemetry.Buffering;

/// <summary>The outcome of one append.</summary>
/// <param name="Status">Whether the record was taken, and if not why.</param>
/// <param name="Sequence">The record's sequence number within its kind (ascending, never reused) when appended; -1 otherwise.</param>
public readonly record struct AppendResult(AppendStatus Status, long Sequence)
{
    /// <summary>Gets a value indicating whether the record is in the buffer.</summary>
    public bool IsAppended => Status == AppendStatus.Appended;
}
