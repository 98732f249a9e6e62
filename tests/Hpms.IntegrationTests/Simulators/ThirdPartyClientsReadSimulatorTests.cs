using System.Globalization;
using System.Text.Json;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Scenarios;

namespace Hpms.IntegrationTests.Simulators;

/// <summary>
/// pymodbus and mbpoll, which nobody here wrote, read every simulated device class over Modbus TCP and
/// over RTU on a pty: every block the edge's poll planner would request comes back exactly as the
/// simulator holds it, and every point decodes to the value the simulated device serves.
/// </summary>
public sealed class ThirdPartyClientsReadSimulatorTests(SimulatedHospitalFixture sim) : IClassFixture<SimulatedHospitalFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string, bool> Classes()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in SimulatedHospitalFixture.ModbusClasses)
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [PeerTheory(PeerTool.Pymodbus | PeerTool.Socat)]
    [MemberData(nameof(Classes))]
    public async Task Pymodbus_ReadsEveryPlannedBlock_AsTheSimulatorHoldsIt(string className, bool onTcp)
    {
        ScenarioDevice device = sim.Device(className, onTcp);
        PollPlan plan = PollPlanner.Plan(device.Registers!.Map);
        var reads = plan.Blocks.Select(b => new { unit = (int)device.UnitId, table = TableName(b.Table), address = (int)b.StartAddress, count = (int)b.Count });
        string[] transport = onTcp
            ? ["--tcp", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{sim.TcpPort}")]
            : ["--rtu", sim.Pty, "--baud", "115200"];

        PeerCommandResult result = await PeerCommand.RunAsync(
            PeerTools.Python, [Path.Combine(PeerTools.ScriptsDirectory, "pymodbus_client.py"), .. transport], s_deadline, JsonSerializer.Serialize(reads));

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument answers = JsonDocument.Parse(result.Stdout);
        Assert.Equal(plan.Blocks.Count, answers.RootElement.GetArrayLength());
        int pointsChecked = 0;
        for (int i = 0; i < plan.Blocks.Count; i++)
        {
            ReadBlock block = plan.Blocks[i];
            JsonElement answer = answers.RootElement[i];
            Assert.True(answer.TryGetProperty("values", out JsonElement values), $"{block}: {answer}");
            ushort[] got = [.. values.EnumerateArray().Select(v => (ushort)v.GetInt32())];
            Assert.Equal(Held(device, block), got);
            foreach (BlockPoint bp in block.Points)
            {
                double served = device.Registers.Get(bp.Point);
                double decoded = block.Table.IsBitTable()
                    ? got[bp.Offset]
                    : Decode(bp, got);
                Assert.True(served.Equals(decoded), $"{className} {bp.Point.Name}: simulator serves {served}, pymodbus read decodes to {decoded}");
                pointsChecked++;
            }
        }

        Assert.Equal(plan.Blocks.Sum(b => b.Points.Count), pointsChecked);
        Assert.True(pointsChecked >= 5, $"{className}: only {pointsChecked} points");
    }

    [PeerTheory(PeerTool.Mbpoll | PeerTool.Socat)]
    [MemberData(nameof(Classes))]
    public async Task Mbpoll_ReadsFirstInputBlock_AsTheSimulatorHoldsIt(string className, bool onTcp)
    {
        ScenarioDevice device = sim.Device(className, onTcp);
        ReadBlock block = PollPlanner.Plan(device.Registers!.Map).Blocks.First(b => b.Table == RegisterTable.InputRegister);
        int count = Math.Min((int)block.Count, 10);
        string[] transport = onTcp
            ? ["-m", "tcp", "-p", sim.TcpPort.ToString(CultureInfo.InvariantCulture)]
            : ["-m", "rtu", "-b", "115200", "-P", "none"];
        string target = onTcp ? "127.0.0.1" : sim.Pty;

        PeerCommandResult result = await PeerCommand.RunAsync(
            "mbpoll",
            [.. transport, "-a", device.UnitId.ToString(CultureInfo.InvariantCulture), "-t", "3", "-0", "-r", block.StartAddress.ToString(CultureInfo.InvariantCulture),
             "-c", count.ToString(CultureInfo.InvariantCulture), "-1", target],
            s_deadline);

        Assert.True(result.ExitCode == 0, result.ToString());
        ushort[] held = Held(device, block)[..count];
        List<ushort> read = [.. result.Lines.Where(l => l.StartsWith('[')).Select(l => ushort.Parse(l.Split('\t', StringSplitOptions.TrimEntries)[1].Split(' ')[0], CultureInfo.InvariantCulture))];
        Assert.Equal(held, read);
    }

    [PeerFact(PeerTool.Pymodbus | PeerTool.Socat)]
    public async Task Pymodbus_ReadPastTheMap_GetsIllegalDataAddress_LikeARealDevice()
    {
        ScenarioDevice device = sim.Device(SimulatedHospitalFixture.ModbusClasses.First(), onTcp: true);
        string reads = JsonSerializer.Serialize(new[] { new { unit = (int)device.UnitId, table = "input", address = 60000, count = 4 } });

        PeerCommandResult result = await PeerCommand.RunAsync(
            PeerTools.Python, [Path.Combine(PeerTools.ScriptsDirectory, "pymodbus_client.py"), "--tcp", $"127.0.0.1:{sim.TcpPort}"], s_deadline, reads);

        Assert.Contains("IllegalAddress", result.Stdout, StringComparison.Ordinal);
    }

    private static double Decode(BlockPoint bp, ushort[] block)
    {
        bp.Point.TryDecode(block.AsSpan(bp.Offset, bp.Point.RegisterCount), out double value);
        return value;
    }

    private static ushort[] Held(ScenarioDevice device, ReadBlock block)
    {
        var registers = new ushort[block.Count];
        var bits = new bool[block.Count];
        ExceptionCode code = block.Table switch
        {
            RegisterTable.Coil => device.Registers!.ReadCoils(block.StartAddress, bits),
            RegisterTable.DiscreteInput => device.Registers!.ReadDiscreteInputs(block.StartAddress, bits),
            RegisterTable.InputRegister => device.Registers!.ReadInputRegisters(block.StartAddress, registers),
            _ => device.Registers!.ReadHoldingRegisters(block.StartAddress, registers),
        };
        Assert.Equal(ExceptionCode.None, code);
        return block.Table.IsBitTable() ? [.. bits.Select(b => b ? (ushort)1 : (ushort)0)] : registers;
    }

    private static string TableName(RegisterTable table) => table switch
    {
        RegisterTable.Coil => "coil",
        RegisterTable.DiscreteInput => "discrete",
        RegisterTable.InputRegister => "input",
        _ => "holding",
    };
}
