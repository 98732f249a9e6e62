using System.Buffers.Binary;
using System.Numerics;

namespace Hpms.Telemetry.Buffering;

/// <summary>
/// The on-disk record: a 16-byte header then the payload, little-endian (a local file format, never on a wire).
/// <code>
/// [0..4)   payload length
/// [4..8)   CRC-32C (Castagnoli) of bytes [8 .. 16 + length): the sequence and the payload
/// [8..16)  sequence number within the record's kind
/// [16..)   payload
/// </code>
/// The CRC covers the sequence so that a stale record of the right length at the wrong place is caught as well
/// as a torn one; zero-filled blocks (what some file systems show after a power loss) fail it too.
/// </summary>
internal static class RecordFormat
{
    internal const int HeaderSize = 16;

    /// <summary>Writes the framed record into <paramref name="destination"/> (at least HeaderSize + payload length).</summary>
    /// <returns>Bytes written.</returns>
    internal static int Write(Span<byte> destination, long sequence, ReadOnlySpan<byte> payload)
    {
        int length = HeaderSize + payload.Length;
        Span<byte> frame = destination[..length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(frame[8..], sequence);
        payload.CopyTo(frame[HeaderSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32C(frame[8..]));
        return length;
    }

    /// <summary>Reads the payload length from a header without checking it.</summary>
    internal static int PayloadLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header);

    /// <summary>Reads the sequence from a header without checking it.</summary>
    internal static long Sequence(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt64LittleEndian(header[8..]);

    /// <summary>Checks the record at the start of <paramref name="source"/>; never throws on any bytes.</summary>
    /// <param name="source">Bytes from the record's first header byte to (at most) the end of the file.</param>
    /// <param name="maxPayload">The largest payload the queue accepts; a longer length field is corruption.</param>
    /// <param name="frameLength">The whole record's length when valid.</param>
    internal static RecordCheck Check(ReadOnlySpan<byte> source, int maxPayload, out int frameLength)
    {
        frameLength = 0;
        if (source.Length < HeaderSize)
        {
            return RecordCheck.Incomplete;
        }

        int payloadLength = PayloadLength(source);
        if (payloadLength < 0 || payloadLength > maxPayload)
        {
            return RecordCheck.Corrupt;
        }

        if (source.Length < HeaderSize + payloadLength)
        {
            return RecordCheck.Incomplete;
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        if (stored != Crc32C(source[8..(HeaderSize + payloadLength)]))
        {
            return RecordCheck.Corrupt;
        }

        frameLength = HeaderSize + payloadLength;
        return RecordCheck.Valid;
    }

    /// <summary>CRC-32C with the hardware instruction where the CPU has one (SSE4.2, ARMv8 CRC).</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
