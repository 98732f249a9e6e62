using System.Buffers.Binary;

namespace Hpms.Protocols.Modbus;

/// <summary>
/// Request PDUs: encoding on the master side (caller errors throw, naming the function and the
/// limit) and decoding on the server side (wire input never throws; it returns a status).
/// </summary>
public static class RequestPdu
{
    /// <summary>Writes a read request (FC 01, 02, 03 or 04).</summary>
    /// <param name="destination">At least 5 bytes.</param>
    /// <param name="function">One of the four read functions.</param>
    /// <param name="address">Starting address.</param>
    /// <param name="quantity">Bits (1..2000) or registers (1..125) to read.</param>
    /// <returns>The PDU length (5).</returns>
    public static int EncodeRead(Span<byte> destination, FunctionCode function, ushort address, int quantity)
    {
        int max = function switch
        {
            FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs => ModbusLimits.MaxReadBits,
            FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters => ModbusLimits.MaxReadRegisters,
            _ => throw new ArgumentException($"{function} is not a read function (01, 02, 03 or 04).", nameof(function)),
        };
        CheckRange(function, address, quantity, max);
        destination[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], (ushort)quantity);
        return 5;
    }

    /// <summary>Writes FC 05, write single coil (0xFF00 on, 0x0000 off).</summary>
    /// <param name="destination">At least 5 bytes.</param>
    /// <param name="address">Coil address.</param>
    /// <param name="value">The coil state.</param>
    /// <returns>The PDU length (5).</returns>
    public static int EncodeWriteSingleCoil(Span<byte> destination, ushort address, bool value)
    {
        destination[0] = (byte)FunctionCode.WriteSingleCoil;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], value ? (ushort)0xFF00 : (ushort)0x0000);
        return 5;
    }

    /// <summary>Writes FC 06, write single register.</summary>
    /// <param name="destination">At least 5 bytes.</param>
    /// <param name="address">Register address.</param>
    /// <param name="value">The value.</param>
    /// <returns>The PDU length (5).</returns>
    public static int EncodeWriteSingleRegister(Span<byte> destination, ushort address, ushort value)
    {
        destination[0] = (byte)FunctionCode.WriteSingleRegister;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], value);
        return 5;
    }

    /// <summary>Writes FC 15, write multiple coils (1..1968).</summary>
    /// <param name="destination">At least 6 + ceil(n/8) bytes.</param>
    /// <param name="address">Starting address.</param>
    /// <param name="values">Coil states in address order.</param>
    /// <returns>The PDU length.</returns>
    public static int EncodeWriteMultipleCoils(Span<byte> destination, ushort address, ReadOnlySpan<bool> values)
    {
        CheckRange(FunctionCode.WriteMultipleCoils, address, values.Length, ModbusLimits.MaxWriteCoils);
        int byteCount = BitPacking.ByteCount(values.Length);
        destination[0] = (byte)FunctionCode.WriteMultipleCoils;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], (ushort)values.Length);
        destination[5] = (byte)byteCount;
        BitPacking.Pack(values, destination[6..]);
        return 6 + byteCount;
    }

    /// <summary>Writes FC 16, write multiple registers (1..123).</summary>
    /// <param name="destination">At least 6 + 2n bytes.</param>
    /// <param name="address">Starting address.</param>
    /// <param name="values">Register values in address order.</param>
    /// <returns>The PDU length.</returns>
    public static int EncodeWriteMultipleRegisters(Span<byte> destination, ushort address, ReadOnlySpan<ushort> values)
    {
        CheckRange(FunctionCode.WriteMultipleRegisters, address, values.Length, ModbusLimits.MaxWriteRegisters);
        destination[0] = (byte)FunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], (ushort)values.Length);
        destination[5] = (byte)(values.Length * 2);
        WriteRegisters(destination[6..], values);
        return 6 + (values.Length * 2);
    }

    /// <summary>Writes FC 23, read/write multiple registers (write 1..121, then read 1..125).</summary>
    /// <param name="destination">At least 10 + 2n bytes.</param>
    /// <param name="readAddress">Starting address of the read.</param>
    /// <param name="readQuantity">Registers to read.</param>
    /// <param name="writeAddress">Starting address of the write.</param>
    /// <param name="values">Registers to write.</param>
    /// <returns>The PDU length.</returns>
    public static int EncodeReadWriteMultipleRegisters(
        Span<byte> destination, ushort readAddress, int readQuantity, ushort writeAddress, ReadOnlySpan<ushort> values)
    {
        CheckRange(FunctionCode.ReadWriteMultipleRegisters, readAddress, readQuantity, ModbusLimits.MaxReadRegisters);
        CheckRange(FunctionCode.ReadWriteMultipleRegisters, writeAddress, values.Length, ModbusLimits.MaxReadWriteWriteRegisters);
        destination[0] = (byte)FunctionCode.ReadWriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], readAddress);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], (ushort)readQuantity);
        BinaryPrimitives.WriteUInt16BigEndian(destination[5..], writeAddress);
        BinaryPrimitives.WriteUInt16BigEndian(destination[7..], (ushort)values.Length);
        destination[9] = (byte)(values.Length * 2);
        WriteRegisters(destination[10..], values);
        return 10 + (values.Length * 2);
    }

    /// <summary>
    /// Decodes and checks a request on the server side. Quantity limits (§6) give
    /// <see cref="DecodeStatus.IllegalValue"/>, which a server answers with exception 03.
    /// </summary>
    /// <param name="pdu">The request PDU.</param>
    /// <param name="request">The decoded header.</param>
    /// <returns><see cref="DecodeStatus.Ok"/> or the reason the request is unusable.</returns>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> pdu, out ModbusRequest request)
    {
        request = default;
        if (pdu.IsEmpty)
        {
            return DecodeStatus.Incomplete;
        }

        var function = (FunctionCode)pdu[0];
        int expected = ExpectedLength(pdu);
        if (expected == 0)
        {
            return DecodeStatus.UnknownFunction;
        }

        if (expected < 0 || pdu.Length < expected)
        {
            return DecodeStatus.Incomplete;
        }

        if (pdu.Length != expected)
        {
            return DecodeStatus.LengthMismatch;
        }

        ushort address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        ushort second = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        switch (function)
        {
            case FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs:
                request = new ModbusRequest(function, address, second);
                return second is >= 1 and <= ModbusLimits.MaxReadBits ? DecodeStatus.Ok : DecodeStatus.IllegalValue;
            case FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters:
                request = new ModbusRequest(function, address, second);
                return second is >= 1 and <= ModbusLimits.MaxReadRegisters ? DecodeStatus.Ok : DecodeStatus.IllegalValue;
            case FunctionCode.WriteSingleCoil:
                request = new ModbusRequest(function, address, 1, SingleValue: second);
                return second is 0xFF00 or 0x0000 ? DecodeStatus.Ok : DecodeStatus.IllegalValue;
            case FunctionCode.WriteSingleRegister:
                request = new ModbusRequest(function, address, 1, SingleValue: second);
                return DecodeStatus.Ok;
            case FunctionCode.WriteMultipleCoils:
                request = new ModbusRequest(function, address, second);
                return second is >= 1 and <= ModbusLimits.MaxWriteCoils && pdu[5] == BitPacking.ByteCount(second)
                    ? DecodeStatus.Ok
                    : DecodeStatus.IllegalValue;
            case FunctionCode.WriteMultipleRegisters:
                request = new ModbusRequest(function, address, second);
                return second is >= 1 and <= ModbusLimits.MaxWriteRegisters && pdu[5] == second * 2
                    ? DecodeStatus.Ok
                    : DecodeStatus.IllegalValue;
            default: // ReadWriteMultipleRegisters: the only other function ExpectedLength knows.
                ushort writeAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[5..]);
                ushort writeQuantity = BinaryPrimitives.ReadUInt16BigEndian(pdu[7..]);
                request = new ModbusRequest(function, address, second, writeAddress, writeQuantity);
                return second is >= 1 and <= ModbusLimits.MaxReadRegisters
                    && writeQuantity is >= 1 and <= ModbusLimits.MaxReadWriteWriteRegisters
                    && pdu[9] == writeQuantity * 2
                        ? DecodeStatus.Ok
                        : DecodeStatus.IllegalValue;
        }
    }

    /// <summary>
    /// The full length of a request PDU from its first bytes: 0 for an unknown function, -1 when
    /// more bytes are needed to tell. Used to find frame ends in an RTU byte stream.
    /// </summary>
    /// <param name="pdu">The PDU's first bytes.</param>
    /// <returns>The expected length, 0 or -1.</returns>
    public static int ExpectedLength(ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty)
        {
            return -1;
        }

        return (FunctionCode)pdu[0] switch
        {
            FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs or FunctionCode.ReadHoldingRegisters
                or FunctionCode.ReadInputRegisters or FunctionCode.WriteSingleCoil or FunctionCode.WriteSingleRegister => 5,
            FunctionCode.WriteMultipleCoils or FunctionCode.WriteMultipleRegisters => pdu.Length > 5 ? 6 + pdu[5] : -1,
            FunctionCode.ReadWriteMultipleRegisters => pdu.Length > 9 ? 10 + pdu[9] : -1,
            _ => 0,
        };
    }

    /// <summary>Reads the values carried by an FC 16 or FC 23 request.</summary>
    /// <param name="pdu">A request that <see cref="TryDecode"/> accepted.</param>
    /// <param name="destination">Receives the register values.</param>
    public static void ReadWrittenRegisters(ReadOnlySpan<byte> pdu, Span<ushort> destination)
    {
        int offset = (FunctionCode)pdu[0] == FunctionCode.ReadWriteMultipleRegisters ? 10 : 6;
        ResponsePdu.ReadRegisterBytes(pdu.Slice(offset, destination.Length * 2), destination);
    }

    /// <summary>Reads the coil states carried by an FC 15 request.</summary>
    /// <param name="pdu">A request that <see cref="TryDecode"/> accepted.</param>
    /// <param name="destination">Receives the coil states.</param>
    public static void ReadWrittenCoils(ReadOnlySpan<byte> pdu, Span<bool> destination) =>
        BitPacking.Unpack(pdu[6..], destination);

    internal static void WriteRegisters(Span<byte> destination, ReadOnlySpan<ushort> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(i * 2)..], values[i]);
        }
    }

    private static void CheckRange(FunctionCode function, ushort address, int quantity, int max)
    {
        if (quantity < 1 || quantity > max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(quantity), quantity, $"{function} (FC {(byte)function:D2}): quantity must be 1..{max} per the Modbus Application Protocol.");
        }

        if (address + quantity > ModbusLimits.AddressSpace)
        {
            throw new ArgumentOutOfRangeException(
                nameof(address), address, $"{function}: address {address} + quantity {quantity} runs past 65535.");
        }
    }
}
