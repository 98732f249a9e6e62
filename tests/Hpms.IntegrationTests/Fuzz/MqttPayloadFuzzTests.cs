using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hpms.Cloud.Ingest;
using Hpms.Edge.Commands;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>
/// Fuzz targets over every MQTT payload parser (time-bounded, see <see cref="FuzzBudget"/>): gateway envelopes,
/// device state, the MQTT-native cabinet payloads, the cloud ingest's validator and the edge's command checks.
/// Inputs are valid payloads mutated by <see cref="JsonMutator"/>. Properties: never throws; a value or a reason,
/// never both; encode → parse → encode is the identity; a mutated command never passes the signature check.
/// </summary>
public sealed class MqttPayloadFuzzTests(ITestOutputHelper output)
{
    private const long Issued = 1_700_000_000_000;
    private static readonly DeviceTags s_fridge = new("st-mary", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-07");
    private static readonly byte[] s_key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static readonly DeviceCommand s_command = CommandSigner.WithSignature(
        new DeviceCommand("cmd-1", "setpoint", "fridge-07", new Dictionary<string, CommandArgument> { ["value"] = CommandArgument.Of(4.0), ["reason"] = CommandArgument.Of("audit") },
            Issued, Issued + 60_000, "n-8f3a", "alice@st-mary"),
        s_key);

    private static readonly (string, byte[])[] s_envelopes =
    [
        ("telemetry", EnvelopeCodec.Encode(new TelemetryBatch(s_fridge, 42,
        [
            new(s_fridge, "temperature", 4.5, "°C", Quality.Good, Issued),
            new(s_fridge, "humidity", double.NaN, "%", Quality.Bad, Issued),
            new(s_fridge, "door.open", 1, string.Empty, Quality.Stale, Issued),
        ]))),
        ("event", EnvelopeCodec.Encode(new DeviceEvent("evt-1", "temperature-high", s_fridge, EventState.Cleared, EventSeverity.Critical, Issued, Issued + 900_000,
            new Dictionary<string, double> { ["temperature"] = 9.25 }, "above 8 °C for 15 min"))),
        ("command", EnvelopeCodec.Encode(s_command)),
        ("reply", EnvelopeCodec.Encode(new CommandReply("cmd-1", false, CommandErrorCodes.DeviceError, "exception 02", new Dictionary<string, double> { ["setpoint"] = 5 }))),
    ];

    private static readonly (string, byte[])[] s_cabinet =
    [
        ("cabinet-report", CabinetPayloadCodec.Encode(new CabinetReport("cab-3", 42, Issued, true, 17, false, false, false, true, false, 4_000_000_123, 9,
            [new CabinetBinReport(1, 100_123, 34, "L1234567", 20271231, 60, 18, true), new CabinetBinReport(2, 0, 0, string.Empty, 0, 0, 0, false)]))),
        ("cabinet-event", CabinetPayloadCodec.Encode(new CabinetEvent("cab-3", 3, Issued, "badge", 0, 77, 0))),
        ("cabinet-command", CabinetPayloadCodec.Encode(new CabinetCommand("c-1", CabinetCommandNames.Light, Issued, Bins: [1, 2]))),
        ("cabinet-reply", CabinetPayloadCodec.Encode(new CabinetCommandReply("c-1", false, CabinetCommandErrors.Lockdown, "locked"))),
    ];

    private static readonly (string, byte[])[] s_states = [("state", "{\"online\":true,\"since\":1700000000000}"u8.ToArray()), ("state", "{\"online\":false}"u8.ToArray())];

    private static readonly string[] s_topics =
    [
        TopicScheme.Telemetry("st-mary", "gw-01", "fridge-07"), TopicScheme.Event("st-mary", "gw-01", "fridge-07"), "hpms/v1/st-mary/gw-01/fridge-07/state",
        "hpms/v1/st-mary/gw-01/fridge-07/telemetry/extra", "hpms/v1/+/gw-01/#", "hpms/v2/a/b/c/telemetry", string.Empty, "/", "hpms/v1/st-mary/gw-01/fridge-07/cmd/setpoint",
    ];

    [Fact]
    public void Envelopes_Mutated_EveryParserGivesAValueOrAReason() =>
        Fuzzer.Run(output, "envelopes", JsonMutator.Of([.. s_envelopes, .. s_states]), input =>
        {
            ReencodesStably(input.Bytes, EnvelopeCodec.ParseTelemetry, EnvelopeCodec.Encode);
            ReencodesStably(input.Bytes, EnvelopeCodec.ParseEvent, EnvelopeCodec.Encode);
            ReencodesStably(input.Bytes, EnvelopeCodec.ParseCommand, EnvelopeCodec.Encode);
            ReencodesStably(input.Bytes, EnvelopeCodec.ParseReply, EnvelopeCodec.Encode);

            if (DeviceState.TryParse(input.Bytes, out DeviceState? state, out string? error))
            {
                Assert.NotNull(state);
                Assert.Null(error);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        });

    [Fact]
    public void Envelopes_Generated_EncodeParseEncodeIsTheIdentity() =>
        Fuzzer.Run(output, "envelope-roundtrip", from seed in Gen.Choose(0, int.MaxValue - 1) select new Random(seed), random =>
        {
            DeviceTags device = new(Name(random), Name(random), Name(random), Name(random), Name(random), Name(random));
            var points = Enumerable.Range(0, random.Next(0, 50)).Select(_ =>
            {
                Quality quality = (Quality)random.Next(3);
                double value = quality == Quality.Good || random.Next(2) == 0 ? Value(random) : double.NaN;
                return new TelemetryPoint(device, Name(random), value, random.Next(3) == 0 ? "°C" : Name(random), quality, random.NextInt64(EnvelopeCodec.MinUnixMs, EnvelopeCodec.MaxUnixMs + 1));
            }).ToList();
            var batch = new TelemetryBatch(device, random.NextInt64(0, long.MaxValue), points);
            byte[] encoded = EnvelopeCodec.Encode(batch);
            PayloadParseResult<TelemetryBatch> parsed = EnvelopeCodec.ParseTelemetry(encoded);
            Assert.True(parsed.IsOk, parsed.Error);
            Assert.Equal(batch.Device, parsed.Value.Device);
            Assert.Equal(batch.Sequence, parsed.Value.Sequence);
            Assert.Equal(batch.Points, parsed.Value.Points);
            Assert.Equal(encoded, EnvelopeCodec.Encode(parsed.Value));

            long started = random.NextInt64(EnvelopeCodec.MinUnixMs, EnvelopeCodec.MaxUnixMs);
            var values = Enumerable.Range(0, random.Next(0, 10)).Select(i => (Name: Name(random) + i, Value: Value(random))).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
            bool cleared = random.Next(2) == 0;
            var e = new DeviceEvent(Name(random), Name(random), device, cleared ? EventState.Cleared : EventState.Active, (EventSeverity)random.Next(3), started,
                cleared ? started + 1 : null, values, Name(random));
            byte[] encodedEvent = EnvelopeCodec.Encode(e);
            PayloadParseResult<DeviceEvent> parsedEvent = EnvelopeCodec.ParseEvent(encodedEvent);
            Assert.True(parsedEvent.IsOk, parsedEvent.Error);
            Assert.Equal(encodedEvent, EnvelopeCodec.Encode(parsedEvent.Value));
        });

    [Fact]
    public void CabinetPayloads_Mutated_EveryParserGivesAValueOrAReason() =>
        Fuzzer.Run(output, "cabinet-payloads", JsonMutator.Of(s_cabinet), input =>
        {
            ReencodesStably(input.Bytes, CabinetPayloadCodec.ParseReport, CabinetPayloadCodec.Encode);
            ReencodesStably(input.Bytes, CabinetPayloadCodec.ParseEvent, CabinetPayloadCodec.Encode);
            ReencodesStably(input.Bytes, CabinetPayloadCodec.ParseCommand, CabinetPayloadCodec.Encode);
            ReencodesStably(input.Bytes, CabinetPayloadCodec.ParseReply, CabinetPayloadCodec.Encode);
            _ = CabinetPayloadCodec.TryReadCommandId(input.Bytes);
        });

    [Fact]
    public void IngestValidator_MutatedPayloadsOnAnyTopic_AcceptsOrRefusesWithAReason() =>
        Fuzzer.Run(output, "cloud-ingest-validator", from topic in Gen.Elements(s_topics) from input in JsonMutator.Of([.. s_envelopes, .. s_states]) select (topic, input), message =>
        {
            ValidatedMessage validated = MessageValidator.Validate(message.topic, message.input.Bytes, new IngestOptions(), Issued);
            if (validated.IsAccepted)
            {
                Assert.Equal(1, (validated.Batch is null ? 0 : 1) + (validated.Event is null ? 0 : 1) + (validated.State is null ? 0 : 1));
            }
            else
            {
                Assert.Contains(validated.Reason, (string[])[DeadLetterReasons.BadTopic, DeadLetterReasons.BadPayload, DeadLetterReasons.TopicMismatch, DeadLetterReasons.TooLarge, DeadLetterReasons.FutureTimestamp]);
                Assert.False(string.IsNullOrWhiteSpace(validated.Detail));
            }
        });

    [Fact]
    public void EdgeCommands_MutatedSignedCommand_RefusedUnlessUnchanged() =>
        Fuzzer.Run(output, "edge-commands", from topic in Gen.Elements(s_topics) from input in JsonMutator.Of([("command", EnvelopeCodec.Encode(s_command))]) select (topic, input), message =>
        {
            var options = new CommandOptions { Enabled = true };
            CommandKey key = CommandKey.FromBase64("HPMS_FUZZ_KEY", Convert.ToBase64String(s_key));
            _ = CommandTopic.TryParse(message.topic);
            CommandTopic topic = CommandTopic.TryParse("hpms/v1/st-mary/gw-01/fridge-07/cmd/setpoint")!;
            PayloadParseResult<DeviceCommand> parsed = EnvelopeCodec.ParseCommand(message.input.Bytes);
            OneOf(parsed.IsOk, parsed.Error);
            if (parsed.IsOk && CommandValidator.Check(parsed.Value, topic, options, key, DateTimeOffset.FromUnixTimeMilliseconds(Issued + 1000)) is null)
            {
                // Passed every check: then it must say exactly what was signed (a mutation that passes would be a forgery).
                Assert.Equal(CommandSigner.CanonicalBytes(s_command), CommandSigner.CanonicalBytes(parsed.Value));
            }
        });

    /// <summary>A value or a reason, never both; a value re-encodes to bytes that parse back to the same bytes.</summary>
    private static void ReencodesStably<T>(byte[] bytes, Func<ReadOnlyMemory<byte>, PayloadParseResult<T>> parse, Func<T, byte[]> encode)
        where T : class
    {
        PayloadParseResult<T> parsed = parse(bytes);
        OneOf(parsed.IsOk, parsed.Error);
        if (parsed.IsOk)
        {
            byte[] again = encode(parsed.Value!);
            PayloadParseResult<T> reparsed = parse(again);
            Assert.True(reparsed.IsOk, reparsed.Error);
            Assert.Equal(again, encode(reparsed.Value!));
        }
    }

    private static void OneOf(bool ok, string? error) => Assert.True(ok ^ !string.IsNullOrEmpty(error), $"ok {ok}, error '{error}'");

    private static string Name(Random random)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.é€";
        var name = new StringBuilder();
        int length = random.Next(1, 24);
        for (int i = 0; i < length; i++)
        {
            name.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return name.ToString();
    }

    private static double Value(Random random) => random.Next(6) switch
    {
        0 => 0,
        1 => double.MaxValue * (random.Next(2) == 0 ? 1 : -1),
        2 => double.Epsilon,
        3 => Math.Round((random.NextDouble() - 0.5) * 1000, 2),
        _ => BitConverter.Int64BitsToDouble(random.NextInt64()) is double d && double.IsFinite(d) ? d : 1.5,
    };
}
