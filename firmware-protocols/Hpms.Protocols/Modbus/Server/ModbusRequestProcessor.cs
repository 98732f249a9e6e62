using System.Buffers.Binary;

namespace Hpms.Protocols.Modbus.Server;

/// <summary>
/// Answers one request PDU from a data store, following the server state diagrams of the
/// Modbus Application Protocol §6: unknown function → 01, bad quantity or malformed body → 03,
/// address out of range → 02, store failure → whatever the store reports. Never throws on wire input.
/// </summary>
public static class ModbusRequestProcessor
{
    /// <summary>Processes a request and writes the response PDU.</summary>
    /// <param name="request">The request PDU.</param>
    /// <param name="response">At least <see cref="ModbusLimits.MaxPduLength"/> bytes.</param>
    /// <param name="store">The data served.</param>
    /// <returns>The response PDU length.</returns>
    public static int Process(ReadOnlySpan<byte> request, Span<byte> response, IModbusDataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (request.IsEmpty)
        {
            return ResponsePdu.EncodeException(response, 0, ExceptionCode.IllegalFunction);
        }

        byte function = request[0];
        DecodeStatus status = RequestPdu.TryDecode(request, out ModbusRequest header);
        switch (status)
        {
            case DecodeStatus.Ok:
                break;
            case DecodeStatus.UnknownFunction:
                return ResponsePdu.EncodeException(response, function, ExceptionCode.IllegalFunction);
            default:
                return ResponsePdu.EncodeException(response, function, ExceptionCode.IllegalDataValue);
        }

        ExceptionCode exception = Execute(request, header, response, store, out int length);
        return exception == ExceptionCode.None ? length : ResponsePdu.EncodeException(response, function, exception);
    }

    private static ExceptionCode Execute(
        ReadOnlySpan<byte> request, in ModbusRequest header, Span<byte> response, IModbusDataStore store, out int length)
    {
        length = 0;
        response[0] = (byte)header.Function;
        ExceptionCode result;
        switch (header.Function)
        {
            case FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs:
            {
                Span<bool> bits = stackalloc bool[header.Quantity];
                result = header.Function == FunctionCode.ReadCoils
                    ? store.ReadCoils(header.Address, bits)
                    : store.ReadDiscreteInputs(header.Address, bits);
                int byteCount = BitPacking.ByteCount(header.Quantity);
                response[1] = (byte)byteCount;
                BitPacking.Pack(bits, response[2..]);
                length = 2 + byteCount;
                return result;
            }

            case FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters:
            {
                Span<ushort> registers = stackalloc ushort[header.Quantity];
                result = header.Function == FunctionCode.ReadHoldingRegisters
                    ? store.ReadHoldingRegisters(header.Address, registers)
                    : store.ReadInputRegisters(header.Address, registers);
                return EncodeRegisters(response, registers, result, out length);
            }

            case FunctionCode.WriteSingleCoil:
            {
                ReadOnlySpan<bool> value = [header.SingleValue == 0xFF00];
                result = store.WriteCoils(header.Address, value);
                return Echo(request, response, result, out length);
            }

            case FunctionCode.WriteSingleRegister:
            {
                ReadOnlySpan<ushort> value = [header.SingleValue];
                result = store.WriteHoldingRegisters(header.Address, value);
                return Echo(request, response, result, out length);
            }

            case FunctionCode.WriteMultipleCoils:
            {
                Span<bool> bits = stackalloc bool[header.Quantity];
                RequestPdu.ReadWrittenCoils(request, bits);
                result = store.WriteCoils(header.Address, bits);
                return Echo(request, response, result, out length);
            }

            case FunctionCode.WriteMultipleRegisters:
            {
                Span<ushort> registers = stackalloc ushort[header.Quantity];
                RequestPdu.ReadWrittenRegisters(request, registers);
                result = store.WriteHoldingRegisters(header.Address, registers);
                return Echo(request, response, result, out length);
            }

            default: // ReadWriteMultipleRegisters: the write is performed before the read (§6.17).
            {
                // Both ranges are checked before anything is written: a refused request changes nothing.
                Span<ushort> registers = stackalloc ushort[header.Quantity];
                result = store.ReadHoldingRegisters(header.Address, registers);
                if (result != ExceptionCode.None)
                {
                    return result;
                }

                Span<ushort> written = stackalloc ushort[header.WriteQuantity];
                RequestPdu.ReadWrittenRegisters(request, written);
                result = store.WriteHoldingRegisters(header.WriteAddress, written);
                if (result != ExceptionCode.None)
                {
                    return result;
                }

                result = store.ReadHoldingRegisters(header.Address, registers);
                return EncodeRegisters(response, registers, result, out length);
            }
        }
    }

    private static ExceptionCode EncodeRegisters(Span<byte> response, ReadOnlySpan<ushort> registers, ExceptionCode result, out int length)
    {
        response[1] = (byte)(registers.Length * 2);
        for (int i = 0; i < registers.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(response[(2 + (i * 2))..], registers[i]);
        }

        length = 2 + (registers.Length * 2);
        return result;
    }

    // FC 05, 06, 15, 16 answer with the first five bytes of the request.
    private static ExceptionCode Echo(ReadOnlySpan<byte> request, Span<byte> response, ExceptionCode result, out int length)
    {
        request[..5].CopyTo(response);
        length = 5;
        return result;
    }
}
