using FsCheck;
using FsCheck.Fluent;
using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Tests.Modbus;

/// <summary>A valid request of any function, with everything needed to encode it and check a decode.</summary>
internal sealed record RandomRequest(
    FunctionCode Function, ushort Address, int Quantity, ushort WriteAddress, ushort[] Registers, bool[] Coils, ushort Single, byte UnitId, ushort TransactionId)
{
    public ModbusRequest ExpectedHeader => Function switch
    {
        FunctionCode.WriteSingleCoil => new ModbusRequest(Function, Address, 1, SingleValue: Single),
        FunctionCode.WriteSingleRegister => new ModbusRequest(Function, Address, 1, SingleValue: Single),
        FunctionCode.WriteMultipleCoils => new ModbusRequest(Function, Address, (ushort)Coils.Length),
        FunctionCode.WriteMultipleRegisters => new ModbusRequest(Function, Address, (ushort)Registers.Length),
        FunctionCode.ReadWriteMultipleRegisters => new ModbusRequest(Function, Address, (ushort)Quantity, WriteAddress, (ushort)Registers.Length),
        _ => new ModbusRequest(Function, Address, (ushort)Quantity),
    };

    public int Encode(Span<byte> pdu) => Function switch
    {
        FunctionCode.WriteSingleCoil => RequestPdu.EncodeWriteSingleCoil(pdu, Address, Single == 0xFF00),
        FunctionCode.WriteSingleRegister => RequestPdu.EncodeWriteSingleRegister(pdu, Address, Single),
        FunctionCode.WriteMultipleCoils => RequestPdu.EncodeWriteMultipleCoils(pdu, Address, Coils),
        FunctionCode.WriteMultipleRegisters => RequestPdu.EncodeWriteMultipleRegisters(pdu, Address, Registers),
        FunctionCode.ReadWriteMultipleRegisters => RequestPdu.EncodeReadWriteMultipleRegisters(pdu, Address, Quantity, WriteAddress, Registers),
        _ => RequestPdu.EncodeRead(pdu, Function, Address, Quantity),
    };

    public byte[] EncodePdu()
    {
        byte[] buffer = new byte[ModbusLimits.MaxPduLength];
        return buffer[..Encode(buffer)];
    }

    public override string ToString() =>
        $"{Function} addr={Address} qty={Quantity} waddr={WriteAddress} regs={Registers.Length} coils={Coils.Length} single={Single:X4} unit={UnitId} tid={TransactionId}";
}

/// <summary>FsCheck generators for the Modbus property tests.</summary>
internal static class ModbusGenerators
{
    public static readonly FunctionCode[] Functions = Enum.GetValues<FunctionCode>();

    public static Gen<byte> AnyByte => Gen.Choose(0, 255).Select(b => (byte)b);

    /// <summary>0..300 random bytes; half the time the first byte is a known function code.</summary>
    public static Gen<byte[]> WireBytes =>
        from length in Gen.Choose(0, 300)
        from bytes in Gen.ArrayOf(AnyByte, length)
        from lead in Gen.Elements(Functions.Select(f => (byte)f).Concat(Functions.Select(f => (byte)((byte)f | 0x80))).ToArray())
        from useLead in Gen.Elements(true, false)
        select useLead && bytes.Length > 0 ? [lead, .. bytes[1..]] : bytes;

    public static Gen<RandomRequest> Requests =>
        from function in Gen.Elements(Functions)
        from quantity in Gen.Choose(1, Max(function))
        from address in Gen.Choose(0, ModbusLimits.AddressSpace - quantity)
        from readQuantity in Gen.Choose(1, ModbusLimits.MaxReadRegisters)
        from writeAddress in Gen.Choose(0, ModbusLimits.AddressSpace - quantity)
        from registers in Gen.ArrayOf(Gen.Choose(0, 65535).Select(v => (ushort)v), quantity)
        from coils in Gen.ArrayOf(Gen.Elements(true, false), quantity)
        from single in Gen.Choose(0, 65535)
        from unit in Gen.Choose(0, 247)
        from tid in Gen.Choose(0, 65535)
        select Build(function, quantity, address, readQuantity, writeAddress, registers, coils, single, unit, tid);

    public static int Max(FunctionCode function) => function switch
    {
        FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs => ModbusLimits.MaxReadBits,
        FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters => ModbusLimits.MaxReadRegisters,
        FunctionCode.WriteMultipleCoils => ModbusLimits.MaxWriteCoils,
        FunctionCode.WriteMultipleRegisters => ModbusLimits.MaxWriteRegisters,
        FunctionCode.ReadWriteMultipleRegisters => ModbusLimits.MaxReadWriteWriteRegisters,
        _ => 1,
    };

    /// <summary>A seeded (non-FsCheck) valid request, for the System.Random loops.</summary>
    public static RandomRequest NextRequest(Random random)
    {
        FunctionCode function = Functions[random.Next(Functions.Length)];
        int quantity = random.Next(1, Max(function) + 1);
        ushort[] registers = new ushort[quantity];
        bool[] coils = new bool[quantity];
        for (int i = 0; i < quantity; i++)
        {
            registers[i] = (ushort)random.Next(65536);
            coils[i] = random.Next(2) == 1;
        }

        return Build(
            function, quantity, random.Next(0, ModbusLimits.AddressSpace - quantity + 1), random.Next(1, 126),
            random.Next(0, ModbusLimits.AddressSpace - quantity + 1), registers, coils, random.Next(65536), random.Next(248), random.Next(65536));
    }

    /// <summary>A random valid response PDU of any shape: read data, write echo or exception.</summary>
    public static byte[] NextResponsePdu(Random random)
    {
        FunctionCode function = Functions[random.Next(Functions.Length)];
        if (random.Next(5) == 0)
        {
            return [(byte)((byte)function | 0x80), (byte)random.Next(1, 12)];
        }

        byte[] pdu;
        switch (function)
        {
            case FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs:
                pdu = new byte[2 + random.Next(1, 251)];
                break;
            case FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters or FunctionCode.ReadWriteMultipleRegisters:
                pdu = new byte[2 + (2 * random.Next(1, 126))];
                break;
            default:
                pdu = new byte[5];
                break;
        }

        random.NextBytes(pdu);
        pdu[0] = (byte)function;
        if (function is FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs
            or FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters or FunctionCode.ReadWriteMultipleRegisters)
        {
            pdu[1] = (byte)(pdu.Length - 2);
        }

        return pdu;
    }

    private static RandomRequest Build(
        FunctionCode function, int quantity, int address, int readQuantity, int writeAddress, ushort[] registers, bool[] coils, int single, int unit, int tid)
    {
        ushort singleValue = function == FunctionCode.WriteSingleCoil ? (single % 2 == 0 ? (ushort)0xFF00 : (ushort)0) : (ushort)single;
        return function switch
        {
            FunctionCode.WriteMultipleCoils => new RandomRequest(function, (ushort)address, quantity, 0, [], coils, 0, (byte)unit, (ushort)tid),
            FunctionCode.WriteMultipleRegisters => new RandomRequest(function, (ushort)address, quantity, 0, registers, [], 0, (byte)unit, (ushort)tid),
            FunctionCode.ReadWriteMultipleRegisters => new RandomRequest(
                function, (ushort)Math.Min(address, ModbusLimits.AddressSpace - readQuantity), readQuantity, (ushort)writeAddress, registers, [], 0, (byte)unit, (ushort)tid),
            FunctionCode.WriteSingleCoil or FunctionCode.WriteSingleRegister => new RandomRequest(function, (ushort)address, 1, 0, [], [], singleValue, (byte)unit, (ushort)tid),
            _ => new RandomRequest(function, (ushort)address, quantity, 0, [], [], 0, (byte)unit, (ushort)tid),
        };
    }
}
