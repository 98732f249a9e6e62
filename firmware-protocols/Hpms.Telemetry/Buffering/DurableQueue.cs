using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Hpms.Telemetry.Buffering;

/// <summary>
/// A durable store-and-forward buffer between the pipeline and one sink, in its own directory.
/// </summary>
/// <remarks>
/// <para>
/// <b>Layout.</b> One lane per <see cref="RecordKind"/> (<c>events/</c>, <c>telemetry/</c>), each an append-only
/// log of segment files of CRC-checked records (<see cref="RecordFormat"/>) plus a <c>cursor</c> file (the next
/// sequence to deliver, replaced atomically by rename). A <c>lock</c> file keeps a second process out.
/// </para>
/// <para>
/// <b>Producer.</b> <see cref="Append"/> returns once the record is in the OS, and flushed to disk if the kind's
/// <see cref="AppendDurability"/> says so: that is what "acknowledged" means. A <c>kill -9</c> afterwards loses
/// nothing. When the queue's files would exceed <see cref="DurableQueueOptions.MaxBytes"/>, or the disk is full,
/// the oldest telemetry segment is dropped (whole), then the next; events are dropped only for an event and only
/// when no telemetry is left; telemetry never displaces an event (it is refused instead). Every dropped or
/// refused record is counted; the burst is logged when it starts and when the queue drains. Append never throws
/// for I/O: it answers with an <see cref="AppendStatus"/>.
/// </para>
/// <para>
/// <b>Consumer.</b> <see cref="TryPeekBatch"/> hands out records of one kind, events first, in order within the
/// kind, from the cursor on; <see cref="Commit"/> moves the cursor past them. A crash between sending and
/// committing re-delivers the batch (at least once: sinks must be idempotent or de-duplicate, e.g. by sequence
/// or by InfluxDB's series+timestamp identity). Peeking again without committing re-delivers the same records.
/// </para>
/// <para>
/// <b>Threads.</b> Meant for one producer and one consumer running concurrently; every method is safe to call
/// from any thread (one short lock: writes and reads hit the page cache; only fsync, for flushed kinds, takes
/// longer). Memory is bounded: one frame buffer and one batch buffer, reused.
/// </para>
/// </remarks>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A persistent FIFO queue in the messaging sense (store-and-forward), not a System.Collections.Queue look-alike.")]
public sealed class DurableQueue : IDisposable
{
    private const string LockFileName = "lock";

    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly QueueLane _events;
    private readonly QueueLane _telemetry;
    private readonly SafeFileHandle _lockFile;
    private readonly ITimer? _flushTimer;
    private readonly byte[] _frame;
    private readonly DurableQueueBatch _batch = new();
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly int _maxRecordBytes;
    private TaskCompletionSource<bool>? _waiter;
    private bool _disposed;
    private bool _overflowing;
    private bool _eventDropLogged;
    private long _burstStartDroppedTelemetry;
    private long _burstStartDroppedEvents;
    private long _burstStartRefused;
    private bool _diskFailing;
    private long _diskErrorsBeforeBurst;

    private DurableQueue(DurableQueueOptions options, ILogger logger, TimeProvider timeProvider, IQueueFileSystem fileSystem)
    {
        _logger = logger;
        Name = options.Name ?? options.Directory;
        _maxBytes = options.MaxBytes;
        _segmentBytes = options.SegmentBytes;
        _maxRecordBytes = options.MaxRecordBytes;
        _frame = new byte[RecordFormat.HeaderSize + options.MaxRecordBytes];

        Directory.CreateDirectory(options.Directory);
        _lockFile = LockDirectory(options.Directory);
        _events = new QueueLane(RecordKind.Event, Path.Combine(options.Directory, "events"), options.EventDurability, fileSystem);
        _telemetry = new QueueLane(RecordKind.Telemetry, Path.Combine(options.Directory, "telemetry"), options.TelemetryDurability, fileSystem);
        try
        {
            Recover(_events);
            Recover(_telemetry);
        }
        catch
        {
            _events.Dispose();
            _telemetry.Dispose();
            _lockFile.Dispose();
            throw;
        }

        PublishDepth();
        DurableQueueLog.Opened(_logger, Name, _events.PendingRecords, _telemetry.PendingRecords);
        if (Counters.CorruptRecords > 0)
        {
            DurableQueueLog.RecoveredCorruption(_logger, Name, Counters.CorruptRecords);
        }

        if (options.EventDurability == AppendDurability.FlushedPeriodically || options.TelemetryDurability == AppendDurability.FlushedPeriodically)
        {
            _flushTimer = timeProvider.CreateTimer(_ => FlushPeriodic(), null, options.FlushInterval, options.FlushInterval);
        }
    }

    /// <summary>Gets the name used in logs.</summary>
    public string Name { get; }

    /// <summary>Gets the running totals: appended, delivered, dropped and refused by kind, depth, corruption, disk errors.</summary>
    public DurableQueueCounters Counters { get; } = new();

    /// <summary>
    /// Opens (or creates) the queue in <see cref="DurableQueueOptions.Directory"/>: scans its segments, cuts a
    /// torn or corrupt tail (counted in <see cref="DurableQueueCounters.CorruptRecords"/>) and resumes from the
    /// saved cursor.
    /// </summary>
    /// <param name="options">Directory, bounds and durability; checked with <see cref="DurableQueueOptions.Validate"/>.</param>
    /// <param name="logger">Where state changes are logged.</param>
    /// <param name="timeProvider">Drives the periodic flush; the system clock when null.</param>
    /// <returns>The open queue.</returns>
    /// <exception cref="ArgumentException">The options are not usable.</exception>
    /// <exception cref="IOException">The directory cannot be used, or another process has the queue open.</exception>
    public static DurableQueue Open(DurableQueueOptions options, ILogger<DurableQueue> logger, TimeProvider? timeProvider = null) =>
        Open(options, logger, timeProvider ?? TimeProvider.System, PhysicalQueueFileSystem.Instance);

    /// <summary>Opens the queue over a file-system seam (tests make it fail like a full disk).</summary>
    internal static DurableQueue Open(DurableQueueOptions options, ILogger logger, TimeProvider timeProvider, IQueueFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        string? problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException($"Durable queue options: {problem}", nameof(options));
        }

        return new DurableQueue(options, logger, timeProvider, fileSystem);
    }

    /// <summary>
    /// Appends one record. Returns once it is acknowledged (see <see cref="AppendDurability"/>), applying the
    /// drop policy first when the bound or the disk is reached. Completes in microseconds (one write to the page
    /// cache) unless the kind is flushed on every append. Never throws for I/O.
    /// </summary>
    /// <param name="kind">Event or telemetry: decides priority, durability and what is dropped first.</param>
    /// <param name="payload">The bytes to buffer (serialised points or an event), at most <see cref="DurableQueueOptions.MaxRecordBytes"/>.</param>
    /// <returns>
    /// Appended with the record's sequence; or why it was refused (sequence -1). <see cref="AppendStatus.DiskError"/>
    /// with a sequence of 0 or more means the record was written and will be delivered, but the flush to disk failed.
    /// </returns>
    public AppendResult Append(RecordKind kind, ReadOnlySpan<byte> payload)
    {
        QueueLane lane = LaneOf(kind);
        lock (_gate)
        {
            if (_disposed)
            {
                return Refuse(kind, AppendStatus.Closed);
            }

            if (payload.Length > _maxRecordBytes)
            {
                return Refuse(kind, AppendStatus.TooLarge);
            }

            int frameLength = RecordFormat.HeaderSize + payload.Length;
            if (!MakeRoom(kind, frameLength))
            {
                NoteOverflow();
                return Refuse(kind, AppendStatus.BufferFull);
            }

            long sequence = lane.NextSequence;
            RecordFormat.Write(_frame, sequence, payload);
            AppendStatus written = WriteApplyingPolicy(lane, _frame.AsSpan(0, frameLength));
            if (written != AppendStatus.Appended)
            {
                PublishDepth();
                return Refuse(kind, written);
            }

            Counters.Appended(kind);
            AppendStatus flushed = lane.Durability == AppendDurability.FlushedEveryAppend ? TryFlush(lane) : AppendStatus.Appended;
            PublishDepth();
            _waiter?.TrySetResult(true);
            _waiter = null;
            return new AppendResult(flushed, sequence);
        }
    }

    /// <summary>
    /// Reads the oldest undelivered records of one kind (events while any are waiting, else telemetry) without
    /// removing them. At least one record when any is waiting, even if larger than <paramref name="maxBytes"/>.
    /// </summary>
    /// <param name="maxRecords">The most records to return.</param>
    /// <param name="maxBytes">The most bytes (payloads plus 16-byte headers) to return.</param>
    /// <param name="batch">The records; valid until the next call of this method.</param>
    /// <returns>True when records were waiting.</returns>
    public bool TryPeekBatch(int maxRecords, int maxBytes, [NotNullWhen(true)] out DurableQueueBatch? batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        batch = null;
        lock (_gate)
        {
            QueueLane? lane = _disposed ? null : _events.PendingRecords > 0 ? _events : _telemetry.PendingRecords > 0 ? _telemetry : null;
            if (lane is null)
            {
                return false;
            }

            _batch.Begin(lane.Kind, maxRecords, Math.Max(maxBytes, RecordFormat.HeaderSize + _maxRecordBytes));
            try
            {
                lane.Peek(_batch, maxRecords, maxBytes);
            }
            catch (IOException ex)
            {
                DiskFailure("read", ex);
            }

            if (_batch.Count == 0)
            {
                _batch.Closed = true;
                return false;
            }

            batch = _batch;
            return true;
        }
    }

    /// <summary>
    /// Marks <paramref name="batch"/> delivered: moves the cursor past it (saved atomically) and deletes
    /// segments that are fully delivered. Committing twice, or a batch replaced by a later peek, does nothing.
    /// </summary>
    /// <param name="batch">The batch from the last <see cref="TryPeekBatch"/>.</param>
    public void Commit(DurableQueueBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch, _batch))
        {
            throw new ArgumentException("The batch does not come from this queue.", nameof(batch));
        }

        lock (_gate)
        {
            if (_disposed || batch.Closed)
            {
                return;
            }

            batch.Closed = true;
            QueueLane lane = LaneOf(batch.Kind);
            (long records, _, long deleteErrors) = lane.Commit(batch);
            Counters.Delivered(batch.Kind, records);
            CountDiskErrors(deleteErrors);
            try
            {
                lane.PersistCursor();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DiskFailure("cursor update", ex); // the worst outcome is re-delivery after a restart
            }

            PublishDepth();
            EndOverflowWhenDrained();
        }
    }

    /// <summary>Waits until records are waiting to be read.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>True when records are waiting; false when the queue was disposed.</returns>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        Task<bool> wait;
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            if (_events.PendingRecords + _telemetry.PendingRecords > 0)
            {
                return true;
            }

            _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _waiter.Task;
        }

        return await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes both lanes to the disk now, whatever their durability (e.g. before a planned shutdown). Failures are counted.</summary>
    public void FlushToDisk()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                TryFlush(_events);
                TryFlush(_telemetry);
            }
        }
    }

    /// <summary>Flushes what the durability asks for, closes the files and releases the directory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _flushTimer?.Dispose();
            foreach (QueueLane lane in (ReadOnlySpan<QueueLane>)[_events, _telemetry])
            {
                if (lane.Durability != AppendDurability.WrittenToOperatingSystem)
                {
                    TryFlush(lane);
                }

                lane.Dispose();
            }

            _lockFile.Dispose();
            _waiter?.TrySetResult(false);
            _waiter = null;
        }
    }

    private static SafeFileHandle LockDirectory(string directory)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix); the kernel releases it when the process dies.
            return File.OpenHandle(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The durable queue in '{directory}' is already open (by another process or another DurableQueue).", ex);
        }
    }

    private QueueLane LaneOf(RecordKind kind) => kind switch
    {
        RecordKind.Event => _events,
        RecordKind.Telemetry => _telemetry,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
    };

    private void Recover(QueueLane lane)
    {
        (long corrupt, long diskErrors) = lane.Recover(new byte[RecordFormat.HeaderSize + Math.Max(_maxRecordBytes, 1024 * 1024)], _maxRecordBytes);
        Counters.Corrupt(corrupt);
        CountDiskErrors(diskErrors);
    }

    /// <summary>Drops oldest segments until a frame of <paramref name="frameLength"/> fits within the bound.</summary>
    private bool MakeRoom(RecordKind kind, int frameLength)
    {
        while (_events.DiskBytes + _telemetry.DiskBytes + frameLength > _maxBytes)
        {
            if (!DropOldest(kind))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops by the policy until some bytes are freed (an empty segment frees none, and the retry would recreate it).</summary>
    private bool FreeDiskSpace(RecordKind forKind)
    {
        long before = _events.DiskBytes + _telemetry.DiskBytes;
        while (_events.DiskBytes + _telemetry.DiskBytes == before)
        {
            if (!DropOldest(forKind))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The policy: the oldest telemetry first; events only to make room for an event, and only when no telemetry is left.</summary>
    private bool DropOldest(RecordKind forKind)
    {
        QueueLane? victim = _telemetry.HasSegments ? _telemetry
            : forKind == RecordKind.Event && _events.HasSegments ? _events
            : null;
        if (victim is null)
        {
            return false;
        }

        (long records, bool deleteFailed) = victim.DropOldestSegment();
        CountDiskErrors(deleteFailed ? 1 : 0);
        if (records > 0)
        {
            Counters.Dropped(victim.Kind, records);
            NoteOverflow();
            if (victim.Kind == RecordKind.Event && !_eventDropLogged)
            {
                _eventDropLogged = true;
                DurableQueueLog.EventsDropped(_logger, Name, records);
            }
        }

        return true;
    }

    /// <summary>Writes the frame; on a full disk drops by the policy and retries until it fits or nothing may be dropped.</summary>
    private AppendStatus WriteApplyingPolicy(QueueLane lane, ReadOnlySpan<byte> frame)
    {
        while (true)
        {
            try
            {
                lane.Write(frame, _segmentBytes);
                EndDiskFailure();
                return AppendStatus.Appended;
            }
            catch (IOException ex) when (DiskFull.Is(ex))
            {
                DiskFailure("append (disk full)", ex);
                if (!FreeDiskSpace(lane.Kind))
                {
                    NoteOverflow();
                    return AppendStatus.DiskFull;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DiskFailure("append", ex);
                return AppendStatus.DiskError;
            }
        }
    }

    private AppendStatus TryFlush(QueueLane lane)
    {
        try
        {
            lane.FlushToDisk();
            return AppendStatus.Appended;
        }
        catch (IOException ex)
        {
            DiskFailure("flush to disk", ex);
            return AppendStatus.DiskError;
        }
    }

    private void FlushPeriodic()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (QueueLane lane in (ReadOnlySpan<QueueLane>)[_events, _telemetry])
            {
                if (lane.Durability == AppendDurability.FlushedPeriodically)
                {
                    TryFlush(lane);
                }
            }
        }
    }

    private AppendResult Refuse(RecordKind kind, AppendStatus status)
    {
        Counters.Refused(kind);
        return new AppendResult(status, -1);
    }

    private void NoteOverflow()
    {
        if (!_overflowing)
        {
            _overflowing = true;
            _eventDropLogged = false;
            _burstStartDroppedTelemetry = Counters.DroppedTelemetry;
            _burstStartDroppedEvents = Counters.DroppedEvents;
            _burstStartRefused = Counters.RefusedEvents + Counters.RefusedTelemetry;
            DurableQueueLog.OverflowStarted(_logger, Name, _maxBytes);
        }
    }

    private void EndOverflowWhenDrained()
    {
        // Hysteresis: a full queue drops a segment at a time, so "below the bound" alone would end a burst per segment.
        if (_overflowing && _events.DiskBytes + _telemetry.DiskBytes <= _maxBytes / 4 * 3)
        {
            _overflowing = false;
            DurableQueueLog.OverflowEnded(
                _logger,
                Name,
                Counters.DroppedTelemetry - _burstStartDroppedTelemetry,
                Counters.DroppedEvents - _burstStartDroppedEvents,
                Counters.RefusedEvents + Counters.RefusedTelemetry - _burstStartRefused);
        }
    }

    private void DiskFailure(string operation, Exception exception)
    {
        Counters.DiskError();
        if (!_diskFailing)
        {
            _diskFailing = true;
            _diskErrorsBeforeBurst = Counters.DiskErrors - 1;
            DurableQueueLog.DiskErrorStarted(_logger, exception, Name, operation);
        }
    }

    private void EndDiskFailure()
    {
        if (_diskFailing)
        {
            _diskFailing = false;
            DurableQueueLog.DiskErrorEnded(_logger, Name, Counters.DiskErrors - _diskErrorsBeforeBurst);
        }
    }

    private void CountDiskErrors(long errors)
    {
        for (long i = 0; i < errors; i++)
        {
            Counters.DiskError();
        }
    }

    private void PublishDepth() =>
        Counters.SetDepth(_events.PendingRecords + _telemetry.PendingRecords, _events.PendingBytes + _telemetry.PendingBytes);
}
