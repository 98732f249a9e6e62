using Hpms.Protocols.Modbus;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Registers;

namespace Hpms.Protocols.Tests.RegisterMaps;

public sealed class PollPlannerTests
{
    private static RegisterPoint Reg(string name, int address, RegisterDataType type = RegisterDataType.UInt16, RegisterTable table = RegisterTable.HoldingRegister, int length = 1, int bit = 0, RegisterAccess access = RegisterAccess.Read) =>
        new() { Name = name, Table = table, Address = (ushort)address, Format = new RegisterFormat(type, Bit: bit, Length: length), Access = access };

    private static RegisterPoint Coil(string name, int address, RegisterTable table = RegisterTable.Coil) =>
        new() { Name = name, Table = table, Address = (ushort)address, Format = new RegisterFormat(RegisterDataType.Bool) };

    [Fact]
    public void Plan_AdjacentPoints_OneBlock()
    {
        PollPlan plan = PollPlanner.Plan([Reg("a", 0), Reg("b", 1, RegisterDataType.Float32), Reg("c", 3)]);
        ReadBlock block = Assert.Single(plan.Blocks);
        Assert.Equal((FunctionCode.ReadHoldingRegisters, (ushort)0, (ushort)4), (block.FunctionCode, block.StartAddress, block.Count));
        Assert.Equal([0, 1, 3], block.Points.Select(p => p.Offset));
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    public void Plan_GapThreshold_DefaultEight(int gap, int expectedBlocks)
    {
        PollPlan plan = PollPlanner.Plan([Reg("a", 0), Reg("b", 1 + gap)]);
        Assert.Equal(expectedBlocks, plan.RequestCount);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 1)]
    public void Plan_GapThreshold_Configurable(int maxGap, int expectedBlocks)
    {
        PollPlan plan = PollPlanner.Plan([Reg("a", 0), Reg("b", 4)], new PollPlannerOptions { MaxGapRegisters = maxGap });
        Assert.Equal(expectedBlocks, plan.RequestCount);
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(33, 2)]
    public void Plan_BitGapThreshold_DefaultThirtyTwo(int gap, int expectedBlocks)
    {
        PollPlan plan = PollPlanner.Plan([Coil("a", 0), Coil("b", 1 + gap)]);
        Assert.Equal(expectedBlocks, plan.RequestCount);
        Assert.All(plan.Blocks, b => Assert.Equal(FunctionCode.ReadCoils, b.FunctionCode));
    }

    [Theory]
    [InlineData(125, 1)]
    [InlineData(126, 2)]
    public void Plan_RegisterLimit_SplitsAt126(int registers, int expectedBlocks)
    {
        PollPlan plan = PollPlanner.Plan(Enumerable.Range(0, registers).Select(i => Reg($"r{i}", i)));
        Assert.Equal(expectedBlocks, plan.RequestCount);
        Assert.Equal(125, plan.Blocks[0].Count);
        Assert.Equal(registers, plan.TotalQuantity);
    }

    [Theory]
    [InlineData(2000, 1)]
    [InlineData(2001, 2)]
    public void Plan_BitLimit_SplitsAt2001(int bits, int expectedBlocks)
    {
        PollPlan plan = PollPlanner.Plan(Enumerable.Range(0, bits).Select(i => Coil($"c{i}", i, RegisterTable.DiscreteInput)));
        Assert.Equal(expectedBlocks, plan.RequestCount);
        Assert.Equal(2000, plan.Blocks[0].Count);
    }

    [Fact]
    public void Plan_MultiRegisterPointAcrossLimit_MovesWholePointToNextBlock()
    {
        PollPlan plan = PollPlanner.Plan([Reg("a", 0, length: 124, type: RegisterDataType.String), Reg("b", 124, RegisterDataType.Float32)]);
        Assert.Equal(2, plan.RequestCount);
        Assert.Equal((ushort)124, plan.Blocks[1].StartAddress);
        Assert.Equal((ushort)2, plan.Blocks[1].Count);
    }

    [Fact]
    public void Plan_DeviceCap_RespectedAndOversizePointsSkipped()
    {
        var options = new PollPlannerOptions { MaxRegistersPerRequest = 2 };
        PollPlan plan = PollPlanner.Plan([Reg("a", 0), Reg("b", 1), Reg("c", 2), Reg("big", 10, RegisterDataType.Float64)], options);
        Assert.Equal(2, plan.RequestCount);
        Assert.All(plan.Blocks, b => Assert.True(b.Count <= 2));
        Assert.Equal("big", Assert.Single(plan.Skipped).Name);
    }

    [Fact]
    public void Plan_PointLargerThanGap_StillMergesWhenAdjacent()
    {
        PollPlan plan = PollPlanner.Plan([Reg("a", 0), Reg("s", 1, RegisterDataType.String, length: 20), Reg("b", 21)], new PollPlannerOptions { MaxGapRegisters = 2 });
        ReadBlock block = Assert.Single(plan.Blocks);
        Assert.Equal(22, block.Count);
    }

    [Fact]
    public void Plan_MixedTables_OneBlockPerTableWithItsFunctionCode()
    {
        PollPlan plan = PollPlanner.Plan([Reg("h", 0), Reg("i", 0, table: RegisterTable.InputRegister), Coil("c", 0), Coil("d", 0, RegisterTable.DiscreteInput)]);
        Assert.Equal(
            [FunctionCode.ReadCoils, FunctionCode.ReadDiscreteInputs, FunctionCode.ReadInputRegisters, FunctionCode.ReadHoldingRegisters],
            plan.Blocks.Select(b => b.FunctionCode));
    }

    [Fact]
    public void Plan_BitFieldsSharingRegister_ReadOnce()
    {
        PollPlan plan = PollPlanner.Plan([
            Reg("door", 40, RegisterDataType.Bit, bit: 0),
            Reg("tamper", 40, RegisterDataType.Bit, bit: 1),
            Reg("power", 40, RegisterDataType.Bit, bit: 2)]);
        ReadBlock block = Assert.Single(plan.Blocks);
        Assert.Equal(((ushort)40, (ushort)1, 3), (block.StartAddress, block.Count, block.Points.Count));

        PointReading[] readings = block.Decode([0b101]);
        Assert.Equal([1.0, 0.0, 1.0], readings.OrderBy(r => r.Point.Format.Bit).Select(r => r.Value));
    }

    [Fact]
    public void Plan_WriteOnlyPoints_NotRead()
    {
        PollPlan plan = PollPlanner.Plan([Reg("cmd", 0, access: RegisterAccess.Write), Reg("sp", 1, access: RegisterAccess.ReadWrite)]);
        ReadBlock block = Assert.Single(plan.Blocks);
        Assert.Equal(((ushort)1, "sp"), (block.StartAddress, Assert.Single(block.Points).Point.Name));
    }

    [Fact]
    public void Plan_Empty_NoBlocks()
    {
        Assert.Equal(0, PollPlanner.Plan([]).RequestCount);
    }

    [Fact]
    public void Plan_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PollPlanner.Plan([], new PollPlannerOptions { MaxRegistersPerRequest = 126 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PollPlanner.Plan([], new PollPlannerOptions { MaxGapBits = -1 }));
    }

    [Fact]
    public void Plan_MapMaxGap_OverridesOption()
    {
        var map = new RegisterMap { DeviceClass = "x", MaxGap = 0, Points = [Reg("a", 0), Reg("b", 2)] };
        Assert.Equal(2, PollPlanner.Plan(map).RequestCount);
    }

    [Fact]
    public void Decode_BlockRegisters_ExtractsEachPoint()
    {
        RegisterPoint temp = Reg("temp", 10, RegisterDataType.Int16) with { Format = new RegisterFormat(RegisterDataType.Int16, Scale: 0.1) };
        RegisterPoint count = Reg("count", 14, RegisterDataType.UInt32) with { Format = new RegisterFormat(RegisterDataType.UInt32, WordOrder.CDAB) };
        RegisterPoint lot = Reg("lot", 16, RegisterDataType.String, length: 2);
        ReadBlock block = Assert.Single(PollPlanner.Plan([temp, count, lot]).Blocks);

        ushort[] regs = [0xFFCE, 0, 0, 0, 0x0002, 0x0001, 0x4142, 0x4300];
        PointReading[] readings = block.Decode(regs);
        Assert.All(readings, r => Assert.True(r.IsGood));
        Assert.Equal(-5.0, readings[0].Value, 9);
        Assert.Equal(65538.0, readings[1].Value);
        Assert.Equal("ABC", readings[2].Text);

        PointReading[] shortReadings = block.Decode(regs.AsSpan(0, 6));
        Assert.Equal(RegisterCodecStatus.BufferTooSmall, shortReadings[2].Status);
        Assert.True(shortReadings[1].IsGood);
    }

    [Fact]
    public void Decode_BlockBits_ExtractsEachPoint()
    {
        ReadBlock block = Assert.Single(PollPlanner.Plan([Coil("a", 3), Coil("b", 5)]).Blocks);
        PointReading[] readings = block.Decode([false, false, true]);
        Assert.Equal([0.0, 1.0], readings.Select(r => r.Value));
        Assert.Equal(RegisterCodecStatus.InvalidFormat, block.Decode(new ushort[3])[0].Status);
        Assert.Equal(RegisterCodecStatus.BufferTooSmall, block.Decode([true])[1].Status);
    }

    [Fact]
    public void TryFindPoint_ReturnsBlockAndOffset()
    {
        PollPlan plan = PollPlanner.Plan([Reg("a", 0), Reg("b", 3)]);
        Assert.True(plan.TryFindPoint("B", out ReadBlock? block, out int offset));
        Assert.Equal((block, 3), (plan.Blocks[0], offset));
        Assert.False(plan.TryFindPoint("zz", out _, out _));
    }
}
