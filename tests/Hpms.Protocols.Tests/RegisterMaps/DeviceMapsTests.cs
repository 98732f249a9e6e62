using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Registers;

namespace Hpms.Protocols.Tests.RegisterMaps;

public sealed class DeviceMapsTests
{
    // The test project copies firmware-protocols/devices/*.json next to the test assembly.
    private static readonly string s_devices = Path.Combine(AppContext.BaseDirectory, "devices");

    public static TheoryData<string, int> ExpectedRequests => new()
    {
        // cabinet: header IR, 3 bin IR blocks (8 bins × 16 registers each), bin settings HR, coils, discrete inputs.
        { "smart-supply-cabinet", 7 },
        { "cold-chain-fridge", 3 }, // IR, HR, DI; the only coil is write-only
        { "occupancy-counter", 2 }, // IR, HR; preset and reset are write-only
        { "medical-gas-panel", 3 },
        { "air-handling-unit", 4 },
    };

    [Fact]
    public void LoadDirectory_AllDeviceMaps_Validate()
    {
        IReadOnlyList<RegisterMap> maps = RegisterMapLoader.LoadDirectory(s_devices);
        Assert.Equal(
            ["air-handling-unit", "cold-chain-fridge", "medical-gas-panel", "occupancy-counter", "smart-supply-cabinet"],
            maps.Select(m => m.DeviceClass));
        Assert.All(maps, m => Assert.Equal(m.DeviceClass + ".json", m.SourceName));
    }

    [Theory]
    [MemberData(nameof(ExpectedRequests))]
    public void Plan_DeviceMap_NeedsFewRequestsAndCoversEveryReadablePoint(string deviceClass, int expectedRequests)
    {
        RegisterMap map = RegisterMapLoader.LoadFile(Path.Combine(s_devices, deviceClass + ".json"));
        PollPlan plan = PollPlanner.Plan(map);

        Assert.Equal(expectedRequests, plan.RequestCount);
        Assert.Empty(plan.Skipped);
        Assert.Equal(
            map.Points.Where(p => p.IsReadable).Select(p => p.Name).Order(StringComparer.Ordinal),
            plan.Blocks.SelectMany(b => b.Points).Select(p => p.Point.Name).Order(StringComparer.Ordinal));
        Assert.All(plan.Blocks, b => Assert.True(b.Count <= b.Table.MaxReadQuantity()));
    }

    [Fact]
    public void SmartSupplyCabinet_HasTwentyFourBinsWithEveryField()
    {
        RegisterMap map = RegisterMapLoader.LoadFile(Path.Combine(s_devices, "smart-supply-cabinet.json"));
        foreach (string field in new[] { "count", "par", "reorder-point", "item-code", "lot", "expiry", "pick-light" })
        {
            Assert.Equal(24, map.Points.Count(p => p.Name.EndsWith("." + field, StringComparison.Ordinal) && p.Name.StartsWith("bin", StringComparison.Ordinal)));
        }

        Assert.True(map.TryGetPoint("bin24.lot", out RegisterPoint? lot));
        Assert.Equal((RegisterDataType.String, 4, 24), (lot.Type, lot.RegisterCount, lot.RepeatIndex ?? 0));
        Assert.True(map.TryGetPoint("lock.unlock", out RegisterPoint? unlock));
        Assert.Equal((RegisterTable.Coil, RegisterAccess.ReadWrite), (unlock.Table, unlock.Access));
    }

    [Fact]
    public void ColdChainFridge_DecodesSimulatedBlock()
    {
        RegisterMap map = RegisterMapLoader.LoadFile(Path.Combine(s_devices, "cold-chain-fridge.json"));
        ReadBlock block = PollPlanner.Plan(map).Blocks.Single(b => b.Table == RegisterTable.InputRegister);

        // Serve values the way a simulator does: encode each point at its offset, then decode the block.
        ushort[] registers = new ushort[block.Count];
        var truth = new Dictionary<string, double> { ["temperature"] = 5.3, ["humidity"] = 41.2, ["alarm.door-ajar"] = 1, ["temperature.precise"] = 5.25 };
        foreach ((RegisterPoint point, int offset) in block.Points)
        {
            double value = truth.GetValueOrDefault(point.Name);
            Assert.Equal(RegisterCodecStatus.Ok, point.TryEncode(value, registers.AsSpan(offset, point.RegisterCount)));
        }

        Dictionary<string, PointReading> readings = block.Decode(registers).ToDictionary(r => r.Point.Name);
        Assert.All(readings.Values, r => Assert.True(r.IsGood));
        foreach ((string name, double value) in truth)
        {
            Assert.Equal(value, readings[name].Value, 6);
        }

        Assert.Equal(0.0, readings["alarm.high-temperature"].Value);
    }

    [Fact]
    public void PointTryEncode_OutsideEngineeringRange_Refused()
    {
        RegisterMap map = RegisterMapLoader.LoadFile(Path.Combine(s_devices, "air-handling-unit.json"));
        Assert.True(map.TryGetPoint("room.pressure.setpoint", out RegisterPoint? setpoint));
        Assert.Equal(RegisterCodecStatus.OutOfRange, setpoint.TryEncode(60, new ushort[1]));
        Assert.Equal(RegisterCodecStatus.Ok, setpoint.TryEncode(-8, new ushort[1]));
    }
}
