namespace Hpms.Telemetry.Buffering;

/// <summary>
/// The log of one <see cref="RecordKind"/> inside a queue's directory: ordered segments, the next sequence to
/// assign, and the acknowledgement cursor (the next sequence to deliver) with its byte offset in the oldest
/// segment. Not thread-safe: <see cref="DurableQueue"/> calls it under its lock. Methods that touch files may
/// throw IOException; the queue decides what that means.
/// </summary>
internal sealed class QueueLane : IDisposable
{
    private readonly List<Segment> _segments = [];
    private readonly IQueueFileSystem _fileSystem;
    private readonly string _cursorPath;
    private Segment? _active;
    private long _acked;
    private long _headOffset;
    private long _persistedCursor = -1;
    private bool _cutFailed;

    internal QueueLane(RecordKind kind, string directory, AppendDurability durability, IQueueFileSystem fileSystem)
    {
        Kind = kind;
        Directory = directory;
        Durability = durability;
        _fileSystem = fileSystem;
        _cursorPath = Path.Combine(directory, CursorFile.FileName);
    }

    internal RecordKind Kind { get; }

    internal string Directory { get; }

    internal AppendDurability Durability { get; }

    /// <summary>Gets the sequence the next appended record gets.</summary>
    internal long NextSequence { get; private set; }

    /// <summary>Gets a value indicating whether records were written since the last flush to disk.</summary>
    internal bool Dirty { get; private set; }

    internal long PendingRecords { get; private set; }

    internal long PendingBytes { get; private set; }

    /// <summary>Gets the bytes of all segments, delivered records not yet deleted included: what the size bound limits.</summary>
    internal long DiskBytes { get; private set; }

    internal bool HasSegments => _segments.Count > 0;

    /// <summary>Opens the lane's files: scans every segment, cuts torn or corrupt tails, resumes from the cursor.</summary>
    /// <returns>Records lost to corruption (see <see cref="DurableQueueCounters.CorruptRecords"/>) and failed deletions or cuts.</returns>
    internal (long CorruptRecords, long DiskErrors) Recover(byte[] scanBuffer, int maxPayload)
    {
        System.IO.Directory.CreateDirectory(Directory);
        long? cursor = CursorFile.Read(_fileSystem, _cursorPath);
        long corrupt = 0;
        long diskErrors = 0;
        var cursorOffsets = new List<long>();
        var cleanFlags = new List<bool>();
        foreach ((long first, string path) in ListSegmentFiles())
        {
            var segment = new Segment(path, first, _fileSystem.OpenSegment(path, create: false));
            bool clean = SegmentScanner.Scan(_fileSystem, segment, scanBuffer, maxPayload, cursor ?? -1, out long cursorOffset);
            if (!clean)
            {
                diskErrors += TryCut(segment) ? 0 : 1;
            }

            _segments.Add(segment);
            cursorOffsets.Add(cursorOffset);
            cleanFlags.Add(clean);
        }

        for (int i = 0; i < _segments.Count; i++)
        {
            // Records missing before the next segment were lost; a damaged last segment lost an unknown tail (one).
            long missing = i + 1 < _segments.Count ? Math.Max(0, _segments[i + 1].FirstSequence - _segments[i].NextSequence) : 0;
            corrupt += cleanFlags[i] ? missing : Math.Max(1, missing);
        }

        _active = _segments.Count > 0 && !_cutFailed ? _segments[^1] : null;
        NextSequence = _segments.Count > 0 ? Math.Max(_segments[^1].NextSequence, cursor ?? 0) : cursor ?? 0;
        if (_segments.Count > 0 && _segments[^1].NextSequence < NextSequence)
        {
            _active = null; // the cursor is past the last record (its segment was lost): start a new segment there
        }

        _acked = _segments.Count == 0 ? NextSequence : Math.Clamp(cursor ?? _segments[0].FirstSequence, _segments[0].FirstSequence, NextSequence);
        diskErrors += DeleteDelivered(cursorOffsets);
        _headOffset = HeadOffsetAfterRecovery(cursorOffsets);
        RecountPending();
        return (corrupt, diskErrors);
    }

    /// <summary>Appends one framed record (sequence <see cref="NextSequence"/>), starting a new segment when the active one is full.</summary>
    internal void Write(ReadOnlySpan<byte> frame, long segmentBytes)
    {
        if (_active is not null && _active.Length > 0 && _active.Length + frame.Length > segmentBytes)
        {
            Roll();
        }

        Segment active = _active ?? StartSegment();
        try
        {
            _fileSystem.Write(active.Handle, frame, active.Length);
        }
        catch (IOException)
        {
            TryCutAfterFailedWrite(active);
            throw;
        }

        active.Length += frame.Length;
        active.NextSequence++;
        NextSequence++;
        Dirty = true;
        DiskBytes += frame.Length;
        PendingRecords++;
        PendingBytes += frame.Length;
    }

    /// <summary>Flushes the active segment to the disk if anything was written since the last flush.</summary>
    internal void FlushToDisk()
    {
        if (Dirty && _active is not null)
        {
            _fileSystem.FlushToDisk(_active.Handle);
        }

        Dirty = false;
    }

    /// <summary>Reads records from the cursor on into <paramref name="batch"/>, up to the limits (always at least one record if any).</summary>
    internal void Peek(DurableQueueBatch batch, int maxRecords, int maxBytes)
    {
        Segment? endSegment = null;
        long endOffset = 0;
        int used = 0;
        long offset = _headOffset;
        for (int index = 0; index < _segments.Count && batch.Count < maxRecords; index++, offset = 0)
        {
            Segment segment = _segments[index];
            long available = segment.Length - offset;
            if (available <= 0)
            {
                continue;
            }

            Span<byte> space = batch.Buffer.AsSpan(used);
            int read = _fileSystem.Read(segment.Handle, space[..(int)Math.Min(space.Length, available)], offset);
            int position = ParseRecords(batch, space[..read], used, maxRecords, maxBytes);
            used += position;
            endSegment = segment;
            endOffset = offset + position;
            if (position < read || endOffset < segment.Length)
            {
                break; // a limit was reached inside this segment
            }
        }

        batch.End(endSegment, endOffset);
    }

    /// <summary>Moves the cursor past <paramref name="batch"/> and deletes segments it fully delivered.</summary>
    /// <returns>Records delivered by this commit (those not already dropped meanwhile), their bytes, and failed deletions.</returns>
    internal (long Records, long Bytes, long DiskErrors) Commit(DurableQueueBatch batch)
    {
        long records = 0;
        long bytes = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            if (batch.GetSequence(i) >= _acked)
            {
                records++;
                bytes += RecordFormat.HeaderSize + batch.GetPayload(i).Length;
            }
        }

        long end = batch.GetSequence(batch.Count - 1) + 1;
        if (end <= _acked)
        {
            return (0, 0, 0); // everything in it was dropped while it was out
        }

        _acked = end;
        PendingRecords -= records;
        PendingBytes -= bytes;
        long diskErrors = DeleteDelivered(null);
        if (_segments.Count > 0 && ReferenceEquals(_segments[0], batch.EndSegment))
        {
            _headOffset = batch.EndOffset;
        }
        else
        {
            _headOffset = 0;
            _acked = _segments.Count > 0 ? Math.Max(_acked, _segments[0].FirstSequence) : NextSequence;
        }

        return (records, bytes, diskErrors);
    }

    /// <summary>Writes the cursor file if the cursor moved since it was last written.</summary>
    internal void PersistCursor()
    {
        if (_acked != _persistedCursor)
        {
            CursorFile.Write(_fileSystem, _cursorPath, _acked);
            _persistedCursor = _acked;
        }
    }

    /// <summary>Discards the oldest segment, delivered or not (the active one too: the next append starts a new one).</summary>
    /// <returns>Undelivered records discarded, and whether deleting the file failed.</returns>
    internal (long Records, bool DeleteFailed) DropOldestSegment()
    {
        Segment oldest = _segments[0];
        long records = Math.Max(0, oldest.NextSequence - Math.Max(_acked, oldest.FirstSequence));
        PendingRecords -= records;
        PendingBytes -= oldest.Length - _headOffset;
        bool deleted = Remove(0);
        _headOffset = 0;
        _acked = _segments.Count > 0 ? _segments[0].FirstSequence : NextSequence;
        return (records, !deleted);
    }

    public void Dispose()
    {
        foreach (Segment segment in _segments)
        {
            segment.Dispose();
        }

        _segments.Clear();
        _active = null;
    }

    private static int ParseRecords(DurableQueueBatch batch, ReadOnlySpan<byte> data, int bufferOffset, int maxRecords, int maxBytes)
    {
        int position = 0;
        while (batch.Count < maxRecords && position + RecordFormat.HeaderSize <= data.Length)
        {
            int payloadLength = RecordFormat.PayloadLength(data[position..]);
            int frameLength = RecordFormat.HeaderSize + payloadLength;
            bool fits = position + frameLength <= data.Length;
            bool withinBytes = bufferOffset + position + frameLength <= maxBytes || batch.Count == 0;
            if (!fits || !withinBytes)
            {
                break;
            }

            batch.Add(bufferOffset + position + RecordFormat.HeaderSize, payloadLength, RecordFormat.Sequence(data[position..]));
            position += frameLength;
        }

        return position;
    }

    private List<(long First, string Path)> ListSegmentFiles()
    {
        var found = new List<(long First, string Path)>();
        foreach (string path in System.IO.Directory.EnumerateFiles(Directory, "*" + Segment.Extension))
        {
            if (Segment.TryParseFileName(Path.GetFileName(path), out long first))
            {
                found.Add((first, path));
            }
        }

        found.Sort((a, b) => a.First.CompareTo(b.First));
        return found;
    }

    private bool TryCut(Segment segment)
    {
        try
        {
            _fileSystem.SetLength(segment.Handle, segment.Length);
            return true;
        }
        catch (IOException)
        {
            _cutFailed = true; // keep reading its valid prefix, but append to a new segment
            return false;
        }
    }

    private void TryCutAfterFailedWrite(Segment segment)
    {
        try
        {
            // A partial write left bytes past Length; the next write would overwrite them, but a restart first
            // would count them as a corrupt tail.
            _fileSystem.SetLength(segment.Handle, segment.Length);
        }
        catch (IOException)
        {
            // Recovery cuts them instead.
        }
    }

    private long DeleteDelivered(List<long>? cursorOffsets)
    {
        long failures = 0;
        while (_segments.Count > 0
            && !ReferenceEquals(_segments[0], _active)
            && (_segments[0].NextSequence <= _acked || (_segments[0].RecordCount == 0 && _segments.Count > 1)))
        {
            failures += Remove(0) ? 0 : 1;
            cursorOffsets?.RemoveAt(0);
        }

        if (_segments.Count > 0 && _acked < _segments[0].FirstSequence)
        {
            _acked = _segments[0].FirstSequence; // records before it were delivered or dropped and deleted
        }

        return failures;
    }

    private long HeadOffsetAfterRecovery(List<long> cursorOffsets)
    {
        if (_segments.Count == 0 || _acked == _segments[0].FirstSequence)
        {
            return 0;
        }

        return _acked == _segments[0].NextSequence ? _segments[0].Length : cursorOffsets[0];
    }

    private void RecountPending()
    {
        PendingRecords = 0;
        PendingBytes = -_headOffset;
        DiskBytes = 0;
        foreach (Segment segment in _segments)
        {
            PendingRecords += segment.RecordCount;
            PendingBytes += segment.Length;
            DiskBytes += segment.Length;
        }

        if (_segments.Count > 0)
        {
            PendingRecords -= _acked - _segments[0].FirstSequence;
        }
        else
        {
            PendingBytes = 0;
        }
    }

    private void Roll()
    {
        if (Durability != AppendDurability.WrittenToOperatingSystem)
        {
            FlushToDisk();
        }

        _active = null;
    }

    private Segment StartSegment()
    {
        string path = Path.Combine(Directory, Segment.FileName(NextSequence));
        var segment = new Segment(path, NextSequence, _fileSystem.OpenSegment(path, create: true));
        if (_segments.Count == 0)
        {
            _acked = NextSequence;
            _headOffset = 0;
        }

        _segments.Add(segment);
        _active = segment;
        return segment;
    }

    private bool Remove(int index)
    {
        Segment segment = _segments[index];
        _segments.RemoveAt(index);
        DiskBytes -= segment.Length;
        if (ReferenceEquals(segment, _active))
        {
            _active = null;
            Dirty = false;
        }

        segment.Dispose();
        try
        {
            _fileSystem.Delete(segment.Path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
