using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;

namespace Hpms.Protocols.Tests.Envelopes;

/// <summary>Untrusted bytes never make an envelope parser throw: random bytes and mutated valid envelopes.</summary>
public sealed class EnvelopeFuzzTests
{
    private static readonly byte[][] s_valid =
    [
        EnvelopeCodec.Encode(EnvelopeCodecTests.SampleBatch),
        EnvelopeCodec.Encode(EnvelopeCodecTests.SampleEvent),
        EnvelopeCodec.Encode(EnvelopeCodecTests.SampleCommand with { Signature = "c2ln" }),
        EnvelopeCodec.Encode(EnvelopeCodecTests.SampleReply),
    ];

    private static bool ParseAll(byte[] bytes)
    {
        PayloadParseResult<TelemetryBatch> telemetry = EnvelopeCodec.ParseTelemetry(bytes);
        PayloadParseResult<DeviceEvent> deviceEvent = EnvelopeCodec.ParseEvent(bytes);
        PayloadParseResult<DeviceCommand> command = EnvelopeCodec.ParseCommand(bytes);
        PayloadParseResult<CommandReply> reply = EnvelopeCodec.ParseReply(bytes);
        if (command.IsOk)
        {
            _ = CommandSigner.Verify(command.Value, new byte[32]);
        }

        // Either a value or a reason, never both, never neither.
        return (telemetry.IsOk ^ telemetry.Error is not null)
            && (deviceEvent.IsOk ^ deviceEvent.Error is not null)
            && (command.IsOk ^ command.Error is not null)
            && (reply.IsOk ^ reply.Error is not null);
    }

    [Fact]
    public void ValidEnvelopes_EachParsesWithItsOwnParserOnly()
    {
        Assert.True(EnvelopeCodec.ParseTelemetry(s_valid[0]).IsOk);
        Assert.False(EnvelopeCodec.ParseEvent(s_valid[0]).IsOk);
        Assert.True(EnvelopeCodec.ParseEvent(s_valid[1]).IsOk);
        Assert.False(EnvelopeCodec.ParseCommand(s_valid[1]).IsOk);
        Assert.True(EnvelopeCodec.ParseCommand(s_valid[2]).IsOk);
        Assert.False(EnvelopeCodec.ParseReply(s_valid[2]).IsOk);
        Assert.True(EnvelopeCodec.ParseReply(s_valid[3]).IsOk);
        Assert.False(EnvelopeCodec.ParseTelemetry(s_valid[3]).IsOk);
    }

    // Found by the fuzz harness (tests/Hpms.IntegrationTests/Fuzz): a well-formed JSON string escape that is not
    // valid UTF-16 made GetString throw InvalidOperationException out of every envelope parser.
    [Theory]
    [InlineData("{\"v\":1,\"id\":\"cmd-1\",\"ok\":false,\"error\":\"device-error\",\"message\":\"\\ud800\",\"values\":{}}")]
    [InlineData("{\"v\":1,\"id\":\"\\udc00x\",\"ok\":true,\"message\":\"\",\"values\":{}}")]
    [InlineData("{\"v\":1,\"id\":\"cmd-1\",\"ok\":true,\"message\":\"\",\"values\":{\"\\ud800\":1}}")]
    public void ParseReply_LoneSurrogateEscape_RefusedWithReason(string json)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(json);
        Assert.True(ParseAll(bytes));
        Assert.StartsWith("reply: a string is not valid Unicode", EnvelopeCodec.ParseReply(bytes).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCommand_LoneSurrogateInIssuer_RefusedWithReason()
    {
        byte[] bytes = EnvelopeCodec.Encode(EnvelopeCodecTests.SampleCommand with { Issuer = "alice" });
        bytes = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("\"alice\"", "\"\\ud800\"", StringComparison.Ordinal));
        Assert.StartsWith("command: a string is not valid Unicode", EnvelopeCodec.ParseCommand(bytes).Error, StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public Property RandomBytes_EveryParser_NeverThrows() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParseAll(bytes ?? []));

    [Property(MaxTest = 2000)]
    public Property MutatedValidEnvelope_EveryParser_NeverThrows() =>
        Prop.ForAll(
            Gen.Choose(0, s_valid.Length - 1).SelectMany(which => Gen.Choose(0, s_valid[which].Length - 1).SelectMany(at =>
                Gen.Choose(0, 255).SelectMany(value => Gen.Choose(0, 3).Select(how => Mutate(s_valid[which], at, (byte)value, how))))).ToArbitrary(),
            ParseAll);

    private static byte[] Mutate(byte[] valid, int at, byte value, int how)
    {
        byte[] copy = (byte[])valid.Clone();
        switch (how)
        {
            case 0:
                copy[at] = value;
                return copy;
            case 1:
                return copy[..at];
            case 2:
                return [.. copy[..at], value, .. copy[at..]];
            default:
                copy[at] ^= (byte)(1 << (value % 8));
                return copy;
        }
    }
}
