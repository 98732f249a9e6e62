using System.Globalization;
using System.Text.RegularExpressions;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Registers;

namespace Hpms.IntegrationTests.ClientsVsServer;

/// <summary>
/// mbpoll 1.4 against our server; its own int/float decoding checks the typed values in the bank.
/// References are 1-based (-r 1 = address 0). One subclass per transport.
/// </summary>
public abstract partial class MbpollTests(IOurServerFixture server)
{
    protected const PeerTool Needs = PeerTool.Mbpoll | PeerTool.Socat;

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);

    private static PeerDataset Dataset => PeerDataset.Default;

    [PeerFact(Needs)]
    public async Task HoldingRaw_FirstFour_MatchBankWithSignedForm()
    {
        List<(int Ref, string Text)> lines = Values(await RunAsync("-r", "1", "-c", "4", "-t", "4"));

        ushort[] bank = OurBank.Holding(server.Bank, 0, 4);
        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.Ref));
        for (int i = 0; i < 4; i++)
        {
            string expected = bank[i] >= 0x8000
                ? string.Create(CultureInfo.InvariantCulture, $"{bank[i]} ({(short)bank[i]})")
                : bank[i].ToString(CultureInfo.InvariantCulture);
            Assert.Equal(expected, lines[i].Text);
        }
    }

    [PeerTheory(Needs)]
    [InlineData("int32_ABCD", true)]
    [InlineData("int32_CDAB", false)]
    [InlineData("uint32_ABCD", true)]
    [InlineData("uint32_CDAB", false)]
    public async Task Int32_DatasetEntry_MbpollDecodesDatasetValue(string name, bool bigEndianWords)
    {
        PeerDatasetEntry entry = Dataset.Entry(name);

        long value = long.Parse(Single(await RunTypedAsync(entry.Address, "4:int", bigEndianWords)), CultureInfo.InvariantCulture);

        // mbpoll shows 32-bit values signed.
        long expected = entry.Type == "uint32" ? unchecked((int)entry.Value.GetUInt32()) : entry.Value.GetInt32();
        Assert.Equal(expected, value);
    }

    [PeerTheory(Needs)]
    [InlineData("float32_ABCD", true)]
    [InlineData("float32_CDAB", false)]
    public async Task Float32_DatasetEntry_MbpollDecodesDatasetValue(string name, bool bigEndianWords)
    {
        PeerDatasetEntry entry = Dataset.Entry(name);

        double value = double.Parse(Single(await RunTypedAsync(entry.Address, "4:float", bigEndianWords)), CultureInfo.InvariantCulture);

        AssertSixDigits(entry.Value.GetDouble(), value);
    }

    [PeerFact(Needs)]
    public async Task CodecEncodedValues_MbpollDecodesThem()
    {
        long cdab = long.Parse(Single(await RunTypedAsync(OurBank.CodecInt32CdabAddress, "4:int", bigEndianWords: false)), CultureInfo.InvariantCulture);
        long abcd = long.Parse(Single(await RunTypedAsync(OurBank.CodecInt32AbcdAddress, "4:int", bigEndianWords: true)), CultureInfo.InvariantCulture);
        double real = double.Parse(Single(await RunTypedAsync(OurBank.CodecFloat32AbcdAddress, "4:float", bigEndianWords: true)), CultureInfo.InvariantCulture);

        Assert.Equal(OurBank.CodecInt32CdabValue, cdab);
        Assert.Equal(OurBank.CodecInt32AbcdValue, abcd);
        AssertSixDigits(OurBank.CodecFloat32AbcdValue, real);
    }

    [PeerFact(Needs)]
    public async Task InputRegisters_ZeroBasedTail_MatchPattern()
    {
        List<(int Ref, string Text)> lines = Values(await RunAsync("-0", "-r", "297", "-c", "3", "-t", "3"));

        Assert.Equal([297, 298, 299], lines.Select(l => l.Ref));
        Assert.Equal(Enumerable.Range(297, 3).Select(i => OurBank.InputRegister(i).ToString(CultureInfo.InvariantCulture)), lines.Select(l => l.Text));
    }

    [PeerFact(Needs)]
    public async Task Coils_First40_MatchPattern()
    {
        List<(int Ref, string Text)> lines = Values(await RunAsync("-r", "1", "-c", "40", "-t", "0"));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => OurBank.Coil(i) ? "1" : "0"), lines.Select(l => l.Text));
    }

    [PeerFact(Needs)]
    public async Task DiscreteInputs_First40_MatchPattern()
    {
        List<(int Ref, string Text)> lines = Values(await RunAsync("-r", "1", "-c", "40", "-t", "1"));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => OurBank.Discrete(i) ? "1" : "0"), lines.Select(l => l.Text));
    }

    [PeerFact(Needs)]
    public async Task ReadFarAddress_ReportsIllegalDataAddress()
    {
        PeerCommandResult result = await RunAsync("-r", "501", "-c", "1", "-t", "4");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Illegal data address", result.Stderr, StringComparison.Ordinal);
    }

    [PeerFact(Needs)]
    public async Task WriteThreeRegisters_Fc16_BankChanges()
    {
        ushort[] values = [.. OurBank.Holding(server.Bank, 185, 3).Select((v, i) => (ushort)((v + 11 + i) & 0x7FFF))];

        PeerCommandResult result = await RunWriteAsync(["-r", "186", "-t", "4"], [.. values.Select(v => v.ToString(CultureInfo.InvariantCulture))]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Written 3 references.", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(values, OurBank.Holding(server.Bank, 185, 3));
    }

    [PeerFact(Needs)]
    public async Task WriteNegativeInt32BigEndian_BankHoldsDatasetWords()
    {
        PeerDatasetEntry entry = Dataset.Entry("int32_ABCD");
        const int Address = 190;

        PeerCommandResult result = await RunWriteAsync(
            ["-r", (Address + 1).ToString(CultureInfo.InvariantCulture), "-t", "4:int", "-B"], ["--", entry.Value.GetInt32().ToString(CultureInfo.InvariantCulture)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        ushort[] words = OurBank.Holding(server.Bank, Address, 2);
        Assert.Equal(entry.Registers, words);
        Assert.Equal(RegisterCodecStatus.Ok, RegisterValueCodec.TryDecodeSigned(words, RegisterDataType.Int32, WordOrder.ABCD, out long decoded));
        Assert.Equal(entry.Value.GetInt64(), decoded);
    }

    [PeerFact(Needs)]
    public async Task WrongUnit_TimesOut()
    {
        PeerCommandResult result = await PeerCommand.RunAsync(
            "mbpoll", [.. server.MbpollMode, "-1", "-o", "0.3", "-a", "2", "-r", "1", "-c", "1", "-t", "4", server.MbpollDevice], s_deadline);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Connection timed out", result.Stderr, StringComparison.Ordinal);
    }

    private static void AssertSixDigits(double expected, double printed)
    {
        // mbpoll prints %g: six significant digits.
        double tolerance = 0.5 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))) - 5);
        Assert.InRange(printed, expected - tolerance, expected + tolerance);
    }

    private static string Single(PeerCommandResult result)
    {
        List<(int Ref, string Text)> values = Values(result);
        Assert.True(values.Count == 1, result.ToString());
        return values[0].Text;
    }

    private static List<(int Ref, string Text)> Values(PeerCommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        List<(int, string)> values = [];
        foreach (string line in result.Stdout.Split('\n'))
        {
            Match match = DataLine().Match(line);
            if (match.Success)
            {
                values.Add((int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value.Trim()));
            }
        }

        return values;
    }

    private Task<PeerCommandResult> RunTypedAsync(int address, string type, bool bigEndianWords) =>
        bigEndianWords
            ? RunAsync("-r", (address + 1).ToString(CultureInfo.InvariantCulture), "-c", "1", "-t", type, "-B")
            : RunAsync("-r", (address + 1).ToString(CultureInfo.InvariantCulture), "-c", "1", "-t", type);

    private Task<PeerCommandResult> RunAsync(params string[] options) => RunWriteAsync(options, []);

    // mbpoll wants the device after the options and the values to write after the device.
    private Task<PeerCommandResult> RunWriteAsync(string[] options, string[] values) =>
        PeerCommand.RunAsync(
            "mbpoll",
            [.. server.MbpollMode, "-1", "-o", "1", "-a", OurBank.UnitId.ToString(CultureInfo.InvariantCulture), .. options, server.MbpollDevice, .. values],
            s_deadline);

    [GeneratedRegex(@"^\[(\d+)\]:\s+(.+)$")]
    private static partial Regex DataLine();
}
