namespace Hpms.Telemetry.Buffering;

/// <summary>
/// Running totals of one queue, safe to read while it works. Every record the queue took is, at any time, exactly
/// one of: delivered (committed by the consumer), dropped (discarded by the size or disk-full policy), or in the
/// depth. Records the queue refused (see <see cref="AppendStatus"/>) never entered it and are counted apart.
/// </summary>
public sealed class DurableQueueCounters
{
    private long _appendedEvents;
    private long _appendedTelemetry;
    private long _deliveredEvents;
    private long _deliveredTelemetry;
    private long _droppedEvents;
    private long _droppedTelemetry;
    private long _refusedEvents;
    private long _refusedTelemetry;
    private long _corruptRecords;
    private long _diskErrors;
    private long _depthRecords;
    private long _depthBytes;

    /// <summary>Gets events taken by Append (since this process opened the queue).</summary>
    public long AppendedEvents => Interlocked.Read(ref _appendedEvents);

    /// <summary>Gets telemetry records taken by Append.</summary>
    public long AppendedTelemetry => Interlocked.Read(ref _appendedTelemetry);

    /// <summary>Gets events the consumer committed.</summary>
    public long DeliveredEvents => Interlocked.Read(ref _deliveredEvents);

    /// <summary>Gets telemetry records the consumer committed.</summary>
    public long DeliveredTelemetry => Interlocked.Read(ref _deliveredTelemetry);

    /// <summary>Gets events discarded to stay within the bound or the disk (only when no telemetry was left).</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    /// <summary>Gets telemetry records discarded (oldest first) to stay within the bound or the disk.</summary>
    public long DroppedTelemetry => Interlocked.Read(ref _droppedTelemetry);

    /// <summary>Gets events Append refused (too large, buffer or disk full, disk error).</summary>
    public long RefusedEvents => Interlocked.Read(ref _refusedEvents);

    /// <summary>Gets telemetry records Append refused.</summary>
    public long RefusedTelemetry => Interlocked.Read(ref _refusedTelemetry);

    /// <summary>
    /// Gets records lost to corruption found when the queue was opened: a torn or garbage tail counts one; a
    /// damaged segment followed by another counts the records missing up to the next segment.
    /// </summary>
    public long CorruptRecords => Interlocked.Read(ref _corruptRecords);

    /// <summary>Gets failed file operations (writes, flushes, cursor updates, deletes).</summary>
    public long DiskErrors => Interlocked.Read(ref _diskErrors);

    /// <summary>Gets records waiting for delivery, both kinds (including those recovered from disk).</summary>
    public long DepthRecords => Interlocked.Read(ref _depthRecords);

    /// <summary>Gets the bytes on disk of the records waiting for delivery, record headers included.</summary>
    public long DepthBytes => Interlocked.Read(ref _depthBytes);

    internal void Appended(RecordKind kind) =>
        Interlocked.Increment(ref kind == RecordKind.Event ? ref _appendedEvents : ref _appendedTelemetry);

    internal void Delivered(RecordKind kind, long records) =>
        Interlocked.Add(ref kind == RecordKind.Event ? ref _deliveredEvents : ref _deliveredTelemetry, records);

    internal void Dropped(RecordKind kind, long records) =>
        Interlocked.Add(ref kind == RecordKind.Event ? ref _droppedEvents : ref _droppedTelemetry, records);

    internal void Refused(RecordKind kind) =>
        Interlocked.Increment(ref kind == RecordKind.Event ? ref _refusedEvents : ref _refusedTelemetry);

    internal void Corrupt(long records) => Interlocked.Add(ref _corruptRecords, records);

    internal void DiskError() => Interlocked.Increment(ref _diskErrors);

    internal void SetDepth(long records, long bytes)
    {
        Interlocked.Exchange(ref _depthRecords, records);
        Interlocked.Exchange(ref _depthBytes, bytes);
    }
}
