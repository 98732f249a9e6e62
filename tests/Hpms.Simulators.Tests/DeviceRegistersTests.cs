using Hpms.Protocols.Modbus;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;

namespace Hpms.Simulators.Tests;

public sealed class DeviceRegistersTests
{
    private static RegisterMap Map(string name) =>
        RegisterMapLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "devices", name + ".json"));

    [Fact]
    public void Set_ThenGet_ReturnsQuantisedEngineeringValue()
    {
        var registers = new DeviceRegisters(Map("cold-chain-fridge"));
        registers.Set("temperature", 4.36);
        Assert.Equal(4.4, registers.Get("temperature"), 6);
    }

    [Fact]
    public void Set_OutsideEngineeringRange_IsClampedNotThrown()
    {
        var registers = new DeviceRegisters(Map("smart-supply-cabinet"));
        registers.Set("bin01.par", 123_456);
        Assert.Equal(9999, registers.Get("bin01.par"));
    }

    [Fact]
    public void ClientWrite_ReadOnlyRegister_IsIllegalDataAddress()
    {
        var registers = new DeviceRegisters(Map("smart-supply-cabinet"));
        // Holding register 150 is a gap in the map: not writable.
        Assert.Equal(ExceptionCode.IllegalDataAddress, registers.WriteHoldingRegisters(150, [1]));
    }

    [Fact]
    public void ClientWrite_OutsideEngineeringRange_IsIllegalDataValue()
    {
        var registers = new DeviceRegisters(Map("smart-supply-cabinet"));
        Assert.Equal(ExceptionCode.IllegalDataValue, registers.WriteHoldingRegisters(200, [10_000]));
        Assert.Equal(0, registers.Get("bin01.par"));
    }

    [Fact]
    public void ClientWrite_Valid_RaisesPointWrittenAndChangesValue()
    {
        var registers = new DeviceRegisters(Map("smart-supply-cabinet"));
        List<(string, double)> seen = [];
        registers.PointWritten += (point, value) => seen.Add((point.Name, value));
        Assert.Equal(ExceptionCode.None, registers.WriteHoldingRegisters(200, [40, 12]));
        Assert.Equal([("bin01.par", 40.0), ("bin01.reorder-point", 12.0)], seen);
        Assert.Equal(12, registers.Get("bin01.reorder-point"));
    }

    [Fact]
    public void ClientRead_GapInsideTable_ReadsZero_PastEnd_IsIllegalAddress()
    {
        var registers = new DeviceRegisters(Map("smart-supply-cabinet"));
        var buffer = new ushort[10];
        Assert.Equal(ExceptionCode.None, registers.ReadInputRegisters(10, buffer));
        Assert.All(buffer, r => Assert.Equal(0, r));
        Assert.Equal(ExceptionCode.IllegalDataAddress, registers.ReadInputRegisters(60_000, buffer));
    }

    [Fact]
    public void ClientWrite_HalfOfAMultiRegisterPoint_IsIllegalDataAddress()
    {
        var registers = new DeviceRegisters(Map("medical-gas-panel"));
        // o2.pressure.high-limit is a Float32 at 100..101: writing 101 alone splits it.
        Assert.Equal(ExceptionCode.IllegalDataAddress, registers.WriteHoldingRegisters(101, [0]));
    }
}
