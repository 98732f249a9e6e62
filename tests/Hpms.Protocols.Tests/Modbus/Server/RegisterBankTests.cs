using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Server;

namespace Hpms.Protocols.Tests.Modbus.Server;

public sealed class RegisterBankTests
{
    [Fact]
    public void Constructor_Sizes_ReportedPerTable()
    {
        var bank = new RegisterBank(1, 2, 3, ModbusLimits.AddressSpace);
        Assert.Equal(1, bank.Size(ModbusDataTable.Coils));
        Assert.Equal(2, bank.Size(ModbusDataTable.DiscreteInputs));
        Assert.Equal(3, bank.Size(ModbusDataTable.InputRegisters));
        Assert.Equal(65536, bank.Size(ModbusDataTable.HoldingRegisters));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0)]
    [InlineData(0, 65537, 0, 0)]
    [InlineData(0, 0, -5, 0)]
    [InlineData(0, 0, 0, 70000)]
    public void Constructor_SizeOutsideAddressSpace_Throws(int coils, int inputs, int inputRegisters, int holding)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegisterBank(coils, inputs, inputRegisters, holding));
    }

    [Fact]
    public void ReadWrite_InsideAndPastEnd_ReturnNoneOrIllegalAddress()
    {
        var bank = new RegisterBank(16, 16, 16, 16);
        Assert.Equal(ExceptionCode.None, bank.WriteHoldingRegisters(14, [1, 2]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, bank.WriteHoldingRegisters(15, [1, 2]));
        ushort[] regs = new ushort[3];
        Assert.Equal(ExceptionCode.IllegalDataAddress, bank.ReadHoldingRegisters(14, regs));
        Assert.Equal(ExceptionCode.None, bank.ReadHoldingRegisters(13, regs));
        Assert.Equal(new ushort[] { 0, 1, 2 }, regs);
        Assert.Equal(ExceptionCode.IllegalDataAddress, bank.ReadInputRegisters(65535, new ushort[1]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, bank.ReadCoils(16, new bool[1]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, bank.ReadDiscreteInputs(10, new bool[7]));
        Assert.Equal(ExceptionCode.IllegalDataAddress, bank.WriteCoils(16, [true]));
    }

    [Fact]
    public void WriteFailure_PartialRange_ChangesNothing()
    {
        var bank = new RegisterBank(4, 0, 0, 4);
        Assert.Equal(ExceptionCode.IllegalDataAddress, bank.WriteCoils(2, [true, true, true]));
        bool[] coils = new bool[4];
        bank.GetBits(ModbusDataTable.Coils, 0, coils);
        Assert.Equal(new bool[4], coils);
    }

    [Fact]
    public void Written_ClientWritesOnly_RaisedWithRange()
    {
        var bank = new RegisterBank(8, 8, 8, 8);
        var events = new List<(ModbusDataTable, ushort, int)>();
        bank.Written += (t, a, c) => events.Add((t, a, c));
        bank.SetRegisters(ModbusDataTable.HoldingRegisters, 0, [1, 2]);
        bank.SetBits(ModbusDataTable.Coils, 0, [true]);
        bank.WriteHoldingRegisters(3, [7, 8, 9]);
        bank.WriteCoils(5, [true, false]);
        bank.WriteCoils(7, [true, false]);
        Assert.Equal([(ModbusDataTable.HoldingRegisters, (ushort)3, 3), (ModbusDataTable.Coils, (ushort)5, 2)], events);
    }

    [Fact]
    public void DeviceSideAccessors_WrongTableOrRange_Throw()
    {
        var bank = new RegisterBank(8, 8, 8, 8);
        Assert.Throws<ArgumentException>(() => bank.SetRegisters(ModbusDataTable.Coils, 0, [1]));
        Assert.Throws<ArgumentException>(() => bank.SetBits(ModbusDataTable.HoldingRegisters, 0, [true]));
        Assert.Throws<ArgumentOutOfRangeException>(() => bank.SetRegisters(ModbusDataTable.InputRegisters, 7, [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => bank.SetBits(ModbusDataTable.DiscreteInputs, 8, [true]));
        Assert.Throws<ArgumentOutOfRangeException>(() => bank.GetRegisters(ModbusDataTable.HoldingRegisters, 8, new ushort[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => bank.GetBits(ModbusDataTable.Coils, 0, new bool[9]));
    }

    [Fact]
    public void SetThenGet_InputRegistersAndDiscreteInputs_RoundTrip()
    {
        var bank = new RegisterBank(8, 8, 8, 8);
        bank.SetRegisters(ModbusDataTable.InputRegisters, 6, [0xAAAA, 0x5555]);
        bank.SetBits(ModbusDataTable.DiscreteInputs, 6, [true, true]);
        ushort[] regs = new ushort[8];
        bool[] bits = new bool[8];
        bank.GetRegisters(ModbusDataTable.InputRegisters, 0, regs);
        bank.GetBits(ModbusDataTable.DiscreteInputs, 0, bits);
        Assert.Equal(new ushort[] { 0, 0, 0, 0, 0, 0, 0xAAAA, 0x5555 }, regs);
        Assert.Equal([false, false, false, false, false, false, true, true], bits);
        ushort[] holding = new ushort[8];
        bank.GetRegisters(ModbusDataTable.HoldingRegisters, 0, holding);
        Assert.Equal(new ushort[8], holding);
    }
}
