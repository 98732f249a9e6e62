using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Registers;

namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>
/// The RegisterBank our servers serve to third-party clients. Holding registers are the
/// peer-dataset.json image (typed values in every word order, made by Python's struct), plus three
/// values our codec encodes into otherwise unused registers so mbpoll can check the encoder.
/// Input and bit tables follow patterns different from pymodbus' so a mix-up would show.
/// </summary>
public static class OurBank
{
    public const byte UnitId = 1;
    public const int HoldingCount = 200;
    public const int InputCount = 300;
    public const int CoilCount = 2000;
    public const int DiscreteCount = 2000;

    /// <summary>Holding registers below this come straight from the dataset and are never written.</summary>
    public const int DatasetOnlyBelow = 152;

    public const int CodecInt32CdabAddress = 152;
    public const int CodecInt32CdabValue = -7654321;
    public const int CodecFloat32AbcdAddress = 154;
    public const float CodecFloat32AbcdValue = 273.15f;
    public const int CodecInt32AbcdAddress = 156;
    public const int CodecInt32AbcdValue = 2023456789;

    /// <summary>Coils at and above this address may be written by tests.</summary>
    public const int CoilScratch = 1500;

    public static ushort InputRegister(int i) => (ushort)(((i * 7) + 1) % 65536);

    public static bool Coil(int i) => i % 4 == 1;

    public static bool Discrete(int i) => i % 7 == 0;

    public static RegisterBank Create()
    {
        var bank = new RegisterBank(CoilCount, DiscreteCount, InputCount, HoldingCount);
        bank.SetRegisters(ModbusDataTable.HoldingRegisters, 0, [.. PeerDataset.Default.HoldingImage]);
        bank.SetRegisters(ModbusDataTable.InputRegisters, 0, [.. Enumerable.Range(0, InputCount).Select(InputRegister)]);
        bank.SetBits(ModbusDataTable.Coils, 0, [.. Enumerable.Range(0, CoilCount).Select(Coil)]);
        bank.SetBits(ModbusDataTable.DiscreteInputs, 0, [.. Enumerable.Range(0, DiscreteCount).Select(Discrete)]);

        Span<ushort> words = stackalloc ushort[2];
        Check(RegisterValueCodec.TryEncodeSigned(CodecInt32CdabValue, RegisterDataType.Int32, WordOrder.CDAB, words));
        bank.SetRegisters(ModbusDataTable.HoldingRegisters, CodecInt32CdabAddress, words);
        Check(RegisterValueCodec.TryEncodeFloat(CodecFloat32AbcdValue, RegisterDataType.Float32, WordOrder.ABCD, words));
        bank.SetRegisters(ModbusDataTable.HoldingRegisters, CodecFloat32AbcdAddress, words);
        Check(RegisterValueCodec.TryEncodeSigned(CodecInt32AbcdValue, RegisterDataType.Int32, WordOrder.ABCD, words));
        bank.SetRegisters(ModbusDataTable.HoldingRegisters, CodecInt32AbcdAddress, words);
        return bank;
    }

    public static ushort[] Holding(RegisterBank bank, int address, int count)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ushort[] values = new ushort[count];
        bank.GetRegisters(ModbusDataTable.HoldingRegisters, (ushort)address, values);
        return values;
    }

    public static bool[] Coils(RegisterBank bank, int address, int count)
    {
        ArgumentNullException.ThrowIfNull(bank);
        bool[] values = new bool[count];
        bank.GetBits(ModbusDataTable.Coils, (ushort)address, values);
        return values;
    }

    private static void Check(RegisterCodecStatus status)
    {
        if (status != RegisterCodecStatus.Ok)
        {
            throw new InvalidOperationException($"encoding the bank failed: {status}");
        }
    }
}
