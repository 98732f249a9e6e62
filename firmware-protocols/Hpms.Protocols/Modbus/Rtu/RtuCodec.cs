using System.Buffers.Binary;

namespace Hpms.Protocols.Modbus.Rtu;

/// <summary>RTU ADU framing: unit id, PDU, CRC-16 low byte first (Modbus over Serial Line §2.5.1).</summary>
public static class RtuCodec
{
    /// <summary>
    /// Completes a frame whose unit id and PDU are already in place (PDU at offset 1), so
    /// callers build the PDU straight into the send buffer and nothing is copied.
    /// </summary>
    /// <param name="adu">The frame buffer.</param>
    /// <param name="unitId">The unit id written at offset 0.</param>
    /// <param name="pduLength">Length of the PDU at offset 1.</param>
    /// <returns>The frame length including the CRC.</returns>
    public static int Seal(Span<byte> adu, byte unitId, int pduLength)
    {
        adu[0] = unitId;
        int length = 1 + pduLength;
        BinaryPrimitives.WriteUInt16LittleEndian(adu[length..], Crc16.Compute(adu[..length]));
        return length + 2;
    }

    /// <summary>Builds a frame from a unit id and a PDU held elsewhere.</summary>
    /// <param name="destination">At least PDU length + 3 bytes.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="pdu">The PDU.</param>
    /// <returns>The frame length.</returns>
    public static int Encode(Span<byte> destination, byte unitId, ReadOnlySpan<byte> pdu)
    {
        pdu.CopyTo(destination[1..]);
        return Seal(destination, unitId, pdu.Length);
    }

    /// <summary>Checks a complete frame's length and CRC and splits it into unit id and PDU.</summary>
    /// <param name="adu">One whole frame.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="pdu">The PDU inside the frame.</param>
    /// <returns><see cref="DecodeStatus.Ok"/>, <see cref="DecodeStatus.LengthMismatch"/> or <see cref="DecodeStatus.CrcMismatch"/>.</returns>
    public static DecodeStatus Decode(ReadOnlySpan<byte> adu, out byte unitId, out ReadOnlySpan<byte> pdu)
    {
        unitId = 0;
        pdu = default;
        if (adu.Length < 4 || adu.Length > ModbusLimits.MaxRtuAduLength)
        {
            return DecodeStatus.LengthMismatch;
        }

        if (!HasValidCrc(adu))
        {
            return DecodeStatus.CrcMismatch;
        }

        unitId = adu[0];
        pdu = adu[1..^2];
        return DecodeStatus.Ok;
    }

    /// <summary>Whether the last two bytes are the CRC of the rest.</summary>
    /// <param name="adu">A candidate frame of at least 3 bytes.</param>
    /// <returns>True when the CRC matches.</returns>
    public static bool HasValidCrc(ReadOnlySpan<byte> adu) =>
        adu.Length >= 3 && BinaryPrimitives.ReadUInt16LittleEndian(adu[^2..]) == Crc16.Compute(adu[..^2]);
}
