namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// A fixed-capacity FIFO of bytes. Not thread-safe: the owner locks. When full, the oldest bytes are
/// overwritten (a line nobody reads for 64 KiB is out of sync anyway) and counted.
/// </summary>
internal sealed class ByteRingBuffer
{
    private readonly byte[] _buffer;
    private int _head;

    public ByteRingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = new byte[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _buffer.Length;

    /// <summary>Gets the number of bytes dropped because the buffer was full.</summary>
    public long OverwrittenBytes { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _buffer.Length)
        {
            OverwrittenBytes += Count + data.Length - _buffer.Length;
            data[^_buffer.Length..].CopyTo(_buffer);
            _head = 0;
            Count = _buffer.Length;
            return;
        }

        int overflow = Count + data.Length - _buffer.Length;
        if (overflow > 0)
        {
            Skip(overflow);
            OverwrittenBytes += overflow;
        }

        int tail = (_head + Count) % _buffer.Length;
        int first = Math.Min(data.Length, _buffer.Length - tail);
        data[..first].CopyTo(_buffer.AsSpan(tail));
        data[first..].CopyTo(_buffer);
        Count += data.Length;
    }

    public int Read(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, Count);
        int first = Math.Min(n, _buffer.Length - _head);
        _buffer.AsSpan(_head, first).CopyTo(destination);
        _buffer.AsSpan(0, n - first).CopyTo(destination[first..]);
        Skip(n);
        return n;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    private void Skip(int n)
    {
        _head = (_head + n) % _buffer.Length;
        Count -= n;
        if (Count == 0)
        {
            _head = 0;
        }
    }
}
