namespace Hpms.Telemetry.Buffering;

/// <summary>
/// Records of one kind read from a <see cref="DurableQueue"/>, in order, for the consumer to send and then
/// <see cref="DurableQueue.Commit"/>. The queue owns and reuses it (and its memory): it is valid until the next
/// <see cref="DurableQueue.TryPeekBatch"/>; copy a payload to keep it longer.
/// </summary>
public sealed class DurableQueueBatch
{
    private int[] _offsets = [];
    private int[] _lengths = [];
    private long[] _sequences = [];

    internal DurableQueueBatch()
    {
    }

    /// <summary>Gets the kind of every record in the batch.</summary>
    public RecordKind Kind { get; private set; }

    /// <summary>Gets the number of records (at least one when handed out).</summary>
    public int Count { get; private set; }

    /// <summary>Gets the sequence of the first record.</summary>
    public long FirstSequence => GetSequence(0);

    /// <summary>Gets the sequence of the last record.</summary>
    public long LastSequence => GetSequence(Count - 1);

    internal byte[] Buffer { get; private set; } = [];

    internal Segment? EndSegment { get; private set; }

    internal long EndOffset { get; private set; }

    /// <summary>Gets a value indicating whether the batch has been committed (or replaced by a later peek).</summary>
    internal bool Closed { get; set; } = true;

    /// <summary>Gets the payload of record <paramref name="index"/>.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The bytes that were appended.</returns>
    public ReadOnlyMemory<byte> GetPayload(int index)
    {
        CheckIndex(index);
        return Buffer.AsMemory(_offsets[index], _lengths[index]);
    }

    /// <summary>Gets the sequence number of record <paramref name="index"/> (ascending; consecutive unless records were lost).</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The sequence Append returned for it.</returns>
    public long GetSequence(int index)
    {
        CheckIndex(index);
        return _sequences[index];
    }

    /// <summary>Empties the batch and makes room for the limits (grows only, so steady state allocates nothing).</summary>
    internal void Begin(RecordKind kind, int maxRecords, int bufferBytes)
    {
        Kind = kind;
        Count = 0;
        EndSegment = null;
        Closed = false;
        if (Buffer.Length < bufferBytes)
        {
            Buffer = new byte[bufferBytes];
        }

        if (_sequences.Length < maxRecords)
        {
            _offsets = new int[maxRecords];
            _lengths = new int[maxRecords];
            _sequences = new long[maxRecords];
        }
    }

    internal void Add(int payloadOffset, int payloadLength, long sequence)
    {
        _offsets[Count] = payloadOffset;
        _lengths[Count] = payloadLength;
        _sequences[Count] = sequence;
        Count++;
    }

    internal void End(Segment? segment, long offset)
    {
        EndSegment = segment;
        EndOffset = offset;
    }

    private void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
    }
}
