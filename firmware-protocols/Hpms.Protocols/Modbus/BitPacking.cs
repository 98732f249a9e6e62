namespace Hpms.Protocols.Modbus;

/// <summary>Coil and discrete-input packing: eight bits a byte, first bit in the least significant bit (§6.1).</summary>
public static class BitPacking
{
    /// <summary>Bytes needed to carry <paramref name="bitCount"/> bits.</summary>
    /// <param name="bitCount">Number of bits.</param>
    /// <returns>The byte count, rounded up.</returns>
    public static int ByteCount(int bitCount) => (bitCount + 7) >> 3;

    /// <summary>Packs bits into bytes; unused high bits of the last byte are zero as the spec requires.</summary>
    /// <param name="bits">Bits in address order.</param>
    /// <param name="destination">At least <see cref="ByteCount"/> bytes.</param>
    public static void Pack(ReadOnlySpan<bool> bits, Span<byte> destination)
    {
        int byteCount = ByteCount(bits.Length);
        destination[..byteCount].Clear();
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                destination[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <summary>Unpacks <paramref name="destination"/>.Length bits from packed bytes.</summary>
    /// <param name="packed">Packed bytes, at least <see cref="ByteCount"/> of the destination length.</param>
    /// <param name="destination">Receives the bits in address order.</param>
    public static void Unpack(ReadOnlySpan<byte> packed, Span<bool> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (packed[i >> 3] & (1 << (i & 7))) != 0;
        }
    }
}
