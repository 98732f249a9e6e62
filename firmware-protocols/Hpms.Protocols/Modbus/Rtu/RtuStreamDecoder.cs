namespace Hpms.Protocols.Modbus.Rtu;

/// <summary>
/// Finds RTU frames in a serial byte stream. The frame end is predicted from the function code
/// (and byte count), then confirmed by the CRC; when the head of the buffer cannot be a frame the
/// decoder drops one byte and tries again, so garbage between frames costs only the garbage.
/// The inter-frame silence (§2.5.1.1) is the other boundary: the caller reports it with
/// <see cref="MarkSilence"/>, and any frame still hiding behind noise is then found by a scan.
/// No I/O, and no allocation after construction on the read path (only <see cref="Append"/> of a
/// burst longer than the buffer grows it).
/// </summary>
public sealed class RtuStreamDecoder
{
    private const int MinFrameLength = 4;

    // Append may be handed a long burst at once; past this much unread input it is noise, not frames.
    private const int MaxAppendCapacity = 64 * 1024;

    private readonly RtuFrameKind _kind;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _pendingConsume;

    /// <summary>Creates a decoder for one direction of traffic.</summary>
    /// <param name="kind">Whether requests or responses are expected.</param>
    public RtuStreamDecoder(RtuFrameKind kind)
    {
        _kind = kind;
        _buffer = new byte[ModbusLimits.MaxRtuAduLength * 2];
    }

    /// <summary>Bytes thrown away because they could not start a valid frame.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>Candidate frames whose length fitted but whose CRC did not match.</summary>
    public long CrcErrors { get; private set; }

    /// <summary>Valid frames returned.</summary>
    public long Frames { get; private set; }

    /// <summary>Bytes waiting for a verdict.</summary>
    public int Buffered => _end - _start - _pendingConsume;

    /// <summary>Free space to read into directly; call <see cref="Advance"/> with the count read.</summary>
    /// <returns>A writable region at the end of the buffer.</returns>
    public Memory<byte> GetFreeMemory()
    {
        Compact();
        if (_end == _buffer.Length)
        {
            // A full buffer holds no frame we could still complete: it is noise.
            DropHead(_end - _start);
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Commits bytes written into <see cref="GetFreeMemory"/>.</summary>
    /// <param name="count">Bytes written.</param>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>
    /// Copies bytes in (for callers that do not read straight into the buffer). The buffer grows to
    /// hold a long burst of frames (up to 64 KiB unread); beyond that the oldest bytes are dropped and counted.
    /// </summary>
    /// <param name="bytes">Received bytes.</param>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Compact();
        int needed = _end + bytes.Length;
        if (needed > _buffer.Length && _buffer.Length < MaxAppendCapacity)
        {
            Array.Resize(ref _buffer, Math.Min(MaxAppendCapacity, Math.Max(needed, _buffer.Length * 2)));
        }

        while (!bytes.IsEmpty)
        {
            Span<byte> free = GetFreeMemory().Span;
            int n = Math.Min(free.Length, bytes.Length);
            bytes[..n].CopyTo(free);
            Advance(n);
            bytes = bytes[n..];
        }
    }

    /// <summary>
    /// Returns the next complete frame with a valid CRC. The span stays valid until the next
    /// call on this decoder.
    /// </summary>
    /// <param name="frame">The whole frame: unit id, PDU, CRC.</param>
    /// <returns>True when a frame was found; false when more bytes (or a silence) are needed.</returns>
    public bool TryReadFrame(out ReadOnlySpan<byte> frame)
    {
        ConsumePending();
        while (_end - _start >= MinFrameLength)
        {
            ReadOnlySpan<byte> data = _buffer.AsSpan(_start, _end - _start);
            int length = ExpectedFrameLength(data);
            if (length == 0)
            {
                // An unknown function code. If the whole buffer is one frame with a valid CRC it is a
                // request the server must answer with exception 01. Otherwise skip to a good frame
                // further on, or wait: more bytes or the silence will tell.
                if (data.Length <= ModbusLimits.MaxRtuAduLength && RtuCodec.HasValidCrc(data))
                {
                    return Take(0, data.Length, out frame);
                }

                int next = NextValidFrameOffset(data);
                if (next == 0)
                {
                    break;
                }

                DropHead(next);
                continue;
            }

            if (length < 0 || length > data.Length)
            {
                break;
            }

            if (RtuCodec.HasValidCrc(data[..length]))
            {
                return Take(0, length, out frame);
            }

            CrcErrors++;
            DropHead(1);
        }

        frame = default;
        return false;
    }

    /// <summary>
    /// Reports t3.5 of silence: whatever is buffered is complete. A valid frame behind leading
    /// noise is still returned by the next <see cref="TryReadFrame"/>; the rest is discarded. A candidate
    /// with an unknown function code is a frame only up to the 256-byte ADU limit (Modbus over serial line
    /// V1.02 §2.5.1): longer, a CRC match is chance (found by fuzzing: noise plus the next frame came out as
    /// one 321-byte "frame" and the real frame was lost), and checking it would cost O(n²) on a noisy line.
    /// </summary>
    public void MarkSilence()
    {
        ConsumePending();
        ReadOnlySpan<byte> data = _buffer.AsSpan(_start, _end - _start);
        for (int offset = 0; offset + MinFrameLength <= data.Length; offset++)
        {
            int length = ExpectedFrameLength(data[offset..]);
            if ((length > 0 && offset + length <= data.Length && RtuCodec.HasValidCrc(data.Slice(offset, length)))
                || (length == 0 && data.Length - offset <= ModbusLimits.MaxRtuAduLength && RtuCodec.HasValidCrc(data[offset..])))
            {
                DropHead(offset);
                return;
            }
        }

        DropHead(data.Length);
    }

    /// <summary>Forgets everything buffered, e.g. after the channel reconnects.</summary>
    public void Reset()
    {
        _start = _end = _pendingConsume = 0;
    }

    private int ExpectedFrameLength(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> pdu = data[1..];
        int pduLength = _kind == RtuFrameKind.Request
            ? RequestPdu.ExpectedLength(pdu)
            : ResponsePdu.ExpectedLengthFromStream(pdu);
        if (pduLength <= 0)
        {
            return pduLength;
        }

        int length = pduLength + 3;
        return length > ModbusLimits.MaxRtuAduLength ? 0 : length;
    }

    // The first offset past the head where a frame of known length with a valid CRC ends exactly
    // at the end of what has arrived (noise, then a whole frame), or 0. Only frames that end the
    // buffer are considered: fewer candidates, fewer CRC coincidences inside noise.
    private int NextValidFrameOffset(ReadOnlySpan<byte> data)
    {
        for (int offset = 1; offset + MinFrameLength <= data.Length; offset++)
        {
            int length = ExpectedFrameLength(data[offset..]);
            if (length > 0 && offset + length == data.Length && RtuCodec.HasValidCrc(data[offset..]))
            {
                return offset;
            }
        }

        return 0;
    }

    private bool Take(int offset, int length, out ReadOnlySpan<byte> frame)
    {
        DropHead(offset);
        frame = _buffer.AsSpan(_start, length);
        _pendingConsume = length;
        Frames++;
        return true;
    }

    private void ConsumePending()
    {
        _start += _pendingConsume;
        _pendingConsume = 0;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    private void DropHead(int count)
    {
        _start += count;
        DiscardedBytes += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    private void Compact()
    {
        ConsumePending();
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
    }
}
