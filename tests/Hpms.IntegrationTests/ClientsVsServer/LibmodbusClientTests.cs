using System.Globalization;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Modbus.Server;

namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>
/// libmodbus 3.1.6 (tests/scripts/libmodbus_client) against our server: every operation, values
/// checked against the bank and the dataset. One subclass per transport.
/// </summary>
public abstract class LibmodbusClientTests(IOurServerFixture server)
{
    protected const PeerTool Needs = PeerTool.LibmodbusClient | PeerTool.Socat;

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);

    [PeerFact(Needs)]
    public async Task ReadHolding_WholeTable_MatchesBankAndDataset()
    {
        PeerCommandResult first = await RunAsync("read-holding", 0, 125);
        PeerCommandResult second = await RunAsync("read-holding", 125, 75);

        ushort[] got = [.. Numbers(first).Concat(Numbers(second)).Select(v => checked((ushort)v))];
        Assert.Equal(OurBank.Holding(server.Bank, 0, OurBank.HoldingCount), got);
        Assert.Equal(PeerDataset.Default.HoldingImage.Take(OurBank.DatasetOnlyBelow), got.Take(OurBank.DatasetOnlyBelow));
    }

    [PeerFact(Needs)]
    public async Task ReadInput_TwoFullReads_MatchPattern()
    {
        PeerCommandResult first = await RunAsync("read-input", 0, 125);
        PeerCommandResult last = await RunAsync("read-input", OurBank.InputCount - 125, 125);

        Assert.Equal(Enumerable.Range(0, 125).Select(i => (long)OurBank.InputRegister(i)), Numbers(first));
        Assert.Equal(Enumerable.Range(OurBank.InputCount - 125, 125).Select(i => (long)OurBank.InputRegister(i)), Numbers(last));
    }

    [PeerFact(Needs)]
    public async Task ReadCoils_All2000_MatchBank()
    {
        PeerCommandResult result = await RunAsync("read-coils", 0, 2000);

        bool[] got = [.. Numbers(result).Select(v => v == 1)];
        Assert.Equal(OurBank.Coils(server.Bank, 0, OurBank.CoilCount), got);
        Assert.Equal(Enumerable.Range(0, OurBank.CoilScratch).Select(OurBank.Coil), got.Take(OurBank.CoilScratch));
    }

    [PeerFact(Needs)]
    public async Task ReadDiscrete_All2000_MatchPattern()
    {
        PeerCommandResult result = await RunAsync("read-discrete", 0, 2000);

        Assert.Equal(Enumerable.Range(0, OurBank.DiscreteCount).Select(i => OurBank.Discrete(i) ? 1L : 0L), Numbers(result));
    }

    [PeerFact(Needs)]
    public async Task WriteCoil_Fc05_BankChanges()
    {
        const int Address = OurBank.CoilScratch + 1;
        bool before = OurBank.Coils(server.Bank, Address, 1)[0];

        PeerCommandResult result = await RunAsync("write-coil", Address, 1, before ? "0" : "1");

        AssertOk(result);
        Assert.Equal(!before, OurBank.Coils(server.Bank, Address, 1)[0]);
    }

    [PeerFact(Needs)]
    public async Task WriteRegister_Fc06_BankChanges()
    {
        const int Address = 160;
        ushort value = (ushort)(OurBank.Holding(server.Bank, Address, 1)[0] ^ 0xBEEF);

        PeerCommandResult result = await RunAsync("write-register", Address, 1, value.ToString(CultureInfo.InvariantCulture));

        AssertOk(result);
        Assert.Equal(value, OurBank.Holding(server.Bank, Address, 1)[0]);
    }

    [PeerFact(Needs)]
    public async Task WriteCoils_Fc15_BankChanges()
    {
        const int Address = OurBank.CoilScratch + 10;
        bool[] values = [.. OurBank.Coils(server.Bank, Address, 13).Select(b => !b)];

        PeerCommandResult result = await RunAsync("write-coils", Address, values.Length, [.. values.Select(b => b ? "1" : "0")]);

        AssertOk(result);
        Assert.Equal(values, OurBank.Coils(server.Bank, Address, values.Length));
    }

    [PeerFact(Needs)]
    public async Task WriteRegisters_Fc16_BankChanges()
    {
        const int Address = 165;
        ushort[] values = [.. OurBank.Holding(server.Bank, Address, 7).Select((v, i) => (ushort)(v ^ (0x1111 * (i + 1))))];

        PeerCommandResult result = await RunAsync("write-registers", Address, values.Length, [.. values.Select(v => v.ToString(CultureInfo.InvariantCulture))]);

        AssertOk(result);
        Assert.Equal(values, OurBank.Holding(server.Bank, Address, values.Length));
    }

    [PeerFact(Needs)]
    public async Task WriteRead_Fc23_WritesFirstThenReturnsBank()
    {
        const int ReadAddress = 180;
        const int WriteAddress = 182;
        ushort[] values = [.. OurBank.Holding(server.Bank, WriteAddress, 2).Select(v => (ushort)(v ^ 0x5AA5))];

        PeerCommandResult result = await RunAsync(
            "write-read", ReadAddress, 5, [WriteAddress.ToString(CultureInfo.InvariantCulture), .. values.Select(v => v.ToString(CultureInfo.InvariantCulture))]);

        Assert.Equal(values, OurBank.Holding(server.Bank, WriteAddress, 2));
        Assert.Equal(OurBank.Holding(server.Bank, ReadAddress, 5).Select(v => (long)v), Numbers(result));
    }

    [PeerFact(Needs)]
    public async Task RawFc03_ThreeRegisters_ReturnsByteCountAndBigEndianBytes()
    {
        PeerCommandResult result = await RunAsync("raw", 3, 0, "0", "20", "0", "3");

        ushort[] bank = OurBank.Holding(server.Bank, 20, 3);
        long[] expected = [6, .. bank.SelectMany(v => new long[] { v >> 8, v & 0xFF })];
        Assert.Equal(expected, Numbers(result));
    }

    [PeerFact(Needs)]
    public async Task RawUnknownFunction65_AnswersException1()
    {
        long requestsBefore = server.Counters.Requests;

        PeerCommandResult result = await RunAsync("raw", 65, 0, "0", "1", "2", "3");

        AssertException(result, 1);
        Assert.True(server.Counters.Requests > requestsBefore);
    }

    [PeerFact(Needs)]
    public async Task ReadBeyondBank_AnswersException2()
    {
        AssertException(await RunAsync("read-holding", OurBank.HoldingCount - 1, 2), 2);
        AssertException(await RunAsync("read-holding", 500, 1), 2);
        AssertException(await RunAsync("read-input", OurBank.InputCount, 1), 2);
        AssertException(await RunAsync("read-coils", OurBank.CoilCount - 1, 2), 2);
        AssertException(await RunAsync("read-discrete", OurBank.DiscreteCount, 1), 2);
        AssertException(await RunAsync("write-register", OurBank.HoldingCount, 1, "5"), 2);
    }

    [PeerFact(Needs)]
    public async Task RawFc03Quantity126_AnswersException3()
    {
        PeerCommandResult result = await RunAsync("raw", 3, 0, "0", "0", "0", "126");

        AssertException(result, 3);
    }

    [PeerFact(Needs)]
    public async Task WrongUnit_NoReply_ClientTimesOut()
    {
        long ignoredBefore = server.Counters.IgnoredRequests;
        string client = await PeerTools.LibmodbusClientAsync();

        PeerCommandResult result = await PeerCommand.RunAsync(
            client, ["-t", "300", .. server.LibmodbusTarget, "2", "read-holding", "0", "1"], s_deadline);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("ERROR 110", result.Stdout, StringComparison.Ordinal);
        Assert.True(server.Counters.IgnoredRequests > ignoredBefore);
    }

    private static IEnumerable<long> Numbers(PeerCommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Lines.Select(l => long.Parse(l, CultureInfo.InvariantCulture));
    }

    private static void AssertOk(PeerCommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["OK"], result.Lines);
    }

    private static void AssertException(PeerCommandResult result, int code)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal([$"EXCEPTION {code}"], result.Lines);
    }

    private async Task<PeerCommandResult> RunAsync(string op, int address, int count, params string[] values)
    {
        string client = await PeerTools.LibmodbusClientAsync();
        return await PeerCommand.RunAsync(
            client,
            [.. server.LibmodbusTarget, OurBank.UnitId.ToString(CultureInfo.InvariantCulture), op, address.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), .. values],
            s_deadline);
    }
}
