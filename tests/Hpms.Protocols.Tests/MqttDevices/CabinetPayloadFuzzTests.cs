using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hpms.Protocols.MqttDevices;

namespace Hpms.Protocols.Tests.MqttDevices;

/// <summary>Untrusted bytes never make a parser throw: random bytes and corrupted valid payloads.</summary>
public sealed class CabinetPayloadFuzzTests
{
    private static readonly byte[][] s_valid =
    [
        CabinetPayloadCodec.Encode(CabinetPayloadCodecTests.SampleReport),
        CabinetPayloadCodec.Encode(new CabinetEvent("cab-1", 3, 1_700_000_000_000, "badge", 0, 77, 0)),
        CabinetPayloadCodec.Encode(new CabinetCommand("c-1", CabinetCommandNames.Light, 1_700_000_000_000, Bins: [1, 2])),
        CabinetPayloadCodec.Encode(new CabinetCommandReply("c-1", false, CabinetCommandErrors.Lockdown, "locked")),
    ];

    private static void ParseAll(byte[] bytes)
    {
        PayloadParseResult<CabinetReport> report = CabinetPayloadCodec.ParseReport(bytes);
        PayloadParseResult<CabinetEvent> cabinetEvent = CabinetPayloadCodec.ParseEvent(bytes);
        PayloadParseResult<CabinetCommand> command = CabinetPayloadCodec.ParseCommand(bytes);
        PayloadParseResult<CabinetCommandReply> reply = CabinetPayloadCodec.ParseReply(bytes);
        _ = CabinetPayloadCodec.TryReadCommandId(bytes);

        // Either a value or a reason, never both, never neither.
        Assert.True(report.IsOk ^ report.Error is not null);
        Assert.True(cabinetEvent.IsOk ^ cabinetEvent.Error is not null);
        Assert.True(command.IsOk ^ command.Error is not null);
        Assert.True(reply.IsOk ^ reply.Error is not null);
    }

    [Property(MaxTest = 500)]
    public Property RandomBytes_EveryParser_NeverThrows() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParseAll(bytes ?? []));

    [Property(MaxTest = 1000)]
    public Property CorruptedValidPayload_EveryParser_NeverThrows() =>
        Prop.ForAll(
            Gen.Choose(0, s_valid.Length - 1).SelectMany(which => Gen.Choose(0, s_valid[which].Length - 1).SelectMany(at =>
                Gen.Choose(0, 255).SelectMany(value => Gen.Choose(0, 2).Select(how => Corrupt(s_valid[which], at, (byte)value, how))))).ToArbitrary(),
            ParseAll);

    [Fact]
    public void DeepNesting_Parsers_RefuseWithoutThrowing()
    {
        byte[] deep = System.Text.Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000));
        Assert.Contains("not valid JSON", CabinetPayloadCodec.ParseCommand(deep).Error, StringComparison.Ordinal);
    }

    // Found by the fuzz harness (tests/Hpms.IntegrationTests/Fuzz): "\ud800" is well-formed JSON but not valid
    // UTF-16; reading it threw InvalidOperationException out of the parser.
    [Fact]
    public void LoneSurrogateEscape_Parsers_RefuseWithReason()
    {
        byte[] bad = "{\"id\":\"\\ud800\",\"cmd\":\"light\",\"bins\":[1,2],\"expires\":1700000000000}"u8.ToArray();
        ParseAll(bad);
        Assert.StartsWith("command: a string is not valid Unicode", CabinetPayloadCodec.ParseCommand(bad).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InsideString_Parsers_RefuseWithReason()
    {
        byte[] bad = [.. "{\"id\":\"c"u8, 0xA7, .. "\",\"cmd\":\"lockdown\",\"on\":true}"u8];
        Assert.Equal("command: not valid UTF-8", CabinetPayloadCodec.ParseCommand(bad).Error);
    }

    private static byte[] Corrupt(byte[] valid, int at, byte value, int how)
    {
        byte[] copy = (byte[])valid.Clone();
        switch (how)
        {
            case 0:
                copy[at] = value; // overwrite one byte
                return copy;
            case 1:
                return copy[..at]; // truncate
            default:
                copy[at] ^= (byte)(1 << (value % 8)); // flip one bit
                return copy;
        }
    }
}
