using System.Buffers.Binary;

namespace Hpms.Protocols.Modbus.Tcp;

/// <summary>TCP ADU framing: MBAP header then PDU (Modbus Messaging on TCP/IP Implementation Guide V1.0b).</summary>
public static class TcpCodec
{
    /// <summary>
    /// Completes an ADU whose PDU is already in place at offset 7, so the PDU is built straight
    /// into the send buffer.
    /// </summary>
    /// <param name="adu">The frame buffer.</param>
    /// <param name="transactionId">The transaction id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="pduLength">Length of the PDU at offset 7.</param>
    /// <returns>The ADU length.</returns>
    public static int Seal(Span<byte> adu, ushort transactionId, byte unitId, int pduLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(adu, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(adu[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(adu[4..], (ushort)(pduLength + 1));
        adu[6] = unitId;
        return ModbusLimits.MbapHeaderLength + pduLength;
    }

    /// <summary>Builds an ADU from a PDU held elsewhere.</summary>
    /// <param name="destination">At least 7 + PDU length bytes.</param>
    /// <param name="transactionId">The transaction id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="pdu">The PDU.</param>
    /// <returns>The ADU length.</returns>
    public static int Encode(Span<byte> destination, ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        pdu.CopyTo(destination[ModbusLimits.MbapHeaderLength..]);
        return Seal(destination, transactionId, unitId, pdu.Length);
    }

    /// <summary>
    /// Reads and checks an MBAP header: protocol id 0 and a length that can hold a PDU. A bad
    /// header means the stream is out of step; TCP peers close the connection.
    /// </summary>
    /// <param name="source">At least 7 bytes.</param>
    /// <param name="header">The header.</param>
    /// <returns><see cref="DecodeStatus.Ok"/> or why the header is unusable.</returns>
    public static DecodeStatus TryReadHeader(ReadOnlySpan<byte> source, out MbapHeader header)
    {
        header = default;
        if (source.Length < ModbusLimits.MbapHeaderLength)
        {
            return DecodeStatus.Incomplete;
        }

        header = new MbapHeader(
            BinaryPrimitives.ReadUInt16BigEndian(source),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
            source[6]);
        if (header.ProtocolId != 0)
        {
            return DecodeStatus.ProtocolIdMismatch;
        }

        return header.Length is < 2 or > ModbusLimits.MaxPduLength + 1 ? DecodeStatus.LengthMismatch : DecodeStatus.Ok;
    }

    /// <summary>Decodes one whole ADU into header and PDU.</summary>
    /// <param name="adu">The ADU.</param>
    /// <param name="header">Its header.</param>
    /// <param name="pdu">Its PDU.</param>
    /// <returns><see cref="DecodeStatus.Ok"/> or why the ADU is unusable.</returns>
    public static DecodeStatus Decode(ReadOnlySpan<byte> adu, out MbapHeader header, out ReadOnlySpan<byte> pdu)
    {
        pdu = default;
        DecodeStatus status = TryReadHeader(adu, out header);
        if (status != DecodeStatus.Ok)
        {
            return status;
        }

        int total = ModbusLimits.MbapHeaderLength + header.PduLength;
        if (adu.Length < total)
        {
            return DecodeStatus.Incomplete;
        }

        if (adu.Length > total)
        {
            return DecodeStatus.LengthMismatch;
        }

        pdu = adu[ModbusLimits.MbapHeaderLength..];
        return DecodeStatus.Ok;
    }
}
