using System.Buffers.Binary;

namespace Hpms.Protocols.Modbus;

/// <summary>
/// Response PDUs: validation and extraction on the master side (never throws on wire input),
/// and the few encoders a server needs.
/// </summary>
public static class ResponsePdu
{
    /// <summary>
    /// Checks a response against the request it answers. A well-formed exception response
    /// returns <see cref="DecodeStatus.ExceptionResponse"/> with its code.
    /// </summary>
    /// <param name="pdu">The response PDU.</param>
    /// <param name="request">The request it should answer.</param>
    /// <param name="exception">The exception code, when the response is one.</param>
    /// <returns><see cref="DecodeStatus.Ok"/> or the reason the response is unusable.</returns>
    public static DecodeStatus Validate(ReadOnlySpan<byte> pdu, in ModbusRequest request, out ExceptionCode exception)
    {
        exception = ExceptionCode.None;
        if (pdu.IsEmpty)
        {
            return DecodeStatus.Incomplete;
        }

        byte function = pdu[0];
        if (function == ((byte)request.Function | 0x80))
        {
            if (pdu.Length != 2)
            {
                return pdu.Length < 2 ? DecodeStatus.Incomplete : DecodeStatus.LengthMismatch;
            }

            exception = (ExceptionCode)pdu[1];
            return DecodeStatus.ExceptionResponse;
        }

        if (function != (byte)request.Function)
        {
            return DecodeStatus.FunctionMismatch;
        }

        int expected = ExpectedLength(request);
        if (pdu.Length < expected)
        {
            return DecodeStatus.Incomplete;
        }

        if (pdu.Length != expected)
        {
            return DecodeStatus.LengthMismatch;
        }

        switch (request.Function)
        {
            case FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs
                or FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters
                or FunctionCode.ReadWriteMultipleRegisters:
                return pdu[1] == expected - 2 ? DecodeStatus.Ok : DecodeStatus.ByteCountMismatch;
            case FunctionCode.WriteSingleCoil or FunctionCode.WriteSingleRegister:
                return BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]) == request.Address
                    && BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]) == request.SingleValue
                        ? DecodeStatus.Ok
                        : DecodeStatus.EchoMismatch;
            default: // WriteMultipleCoils, WriteMultipleRegisters echo address and quantity.
                return BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]) == request.Address
                    && BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]) == request.Quantity
                        ? DecodeStatus.Ok
                        : DecodeStatus.EchoMismatch;
        }
    }

    /// <summary>The exact length of a normal response to <paramref name="request"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The response PDU length in bytes.</returns>
    public static int ExpectedLength(in ModbusRequest request) => request.Function switch
    {
        FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs => 2 + BitPacking.ByteCount(request.Quantity),
        FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters
            or FunctionCode.ReadWriteMultipleRegisters => 2 + (request.Quantity * 2),
        _ => 5,
    };

    /// <summary>
    /// The full length of a response PDU from its first bytes, without knowing the request:
    /// 0 for an unknown function, -1 when more bytes are needed. Used to find frame ends in a stream.
    /// </summary>
    /// <param name="pdu">The PDU's first bytes.</param>
    /// <returns>The expected length, 0 or -1.</returns>
    public static int ExpectedLengthFromStream(ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty)
        {
            return -1;
        }

        byte function = pdu[0];
        if ((function & 0x80) != 0)
        {
            return IsKnown((FunctionCode)(function & 0x7F)) ? 2 : 0;
        }

        return (FunctionCode)function switch
        {
            FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs or FunctionCode.ReadHoldingRegisters
                or FunctionCode.ReadInputRegisters or FunctionCode.ReadWriteMultipleRegisters => pdu.Length > 1 ? 2 + pdu[1] : -1,
            FunctionCode.WriteSingleCoil or FunctionCode.WriteSingleRegister
                or FunctionCode.WriteMultipleCoils or FunctionCode.WriteMultipleRegisters => 5,
            _ => 0,
        };
    }

    /// <summary>Copies the registers of a validated read response (FC 03, 04, 23).</summary>
    /// <param name="pdu">A response that <see cref="Validate"/> accepted.</param>
    /// <param name="destination">Receives the registers.</param>
    public static void ReadRegisters(ReadOnlySpan<byte> pdu, Span<ushort> destination) =>
        ReadRegisterBytes(pdu.Slice(2, destination.Length * 2), destination);

    /// <summary>Unpacks the bits of a validated read response (FC 01, 02).</summary>
    /// <param name="pdu">A response that <see cref="Validate"/> accepted.</param>
    /// <param name="destination">Receives the bits.</param>
    public static void ReadBits(ReadOnlySpan<byte> pdu, Span<bool> destination) =>
        BitPacking.Unpack(pdu[2..], destination);

    /// <summary>Writes an exception response: function | 0x80, then the code.</summary>
    /// <param name="destination">At least 2 bytes.</param>
    /// <param name="function">The function that failed.</param>
    /// <param name="code">Why.</param>
    /// <returns>The PDU length (2).</returns>
    public static int EncodeException(Span<byte> destination, byte function, ExceptionCode code)
    {
        destination[0] = (byte)(function | 0x80);
        destination[1] = (byte)code;
        return 2;
    }

    /// <summary>Whether this stack knows the function code.</summary>
    /// <param name="function">The code.</param>
    /// <returns>True for 01–06, 15, 16 and 23.</returns>
    public static bool IsKnown(FunctionCode function) => function is
        FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs or FunctionCode.ReadHoldingRegisters
        or FunctionCode.ReadInputRegisters or FunctionCode.WriteSingleCoil or FunctionCode.WriteSingleRegister
        or FunctionCode.WriteMultipleCoils or FunctionCode.WriteMultipleRegisters or FunctionCode.ReadWriteMultipleRegisters;

    internal static void ReadRegisterBytes(ReadOnlySpan<byte> source, Span<ushort> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(source[(i * 2)..]);
        }
    }
}
