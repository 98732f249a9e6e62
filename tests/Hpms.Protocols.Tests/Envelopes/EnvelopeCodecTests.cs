using System.Text;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.Tests.Envelopes;

/// <summary>Round trips and refusals of the gateway–cloud envelopes.</summary>
public sealed class EnvelopeCodecTests
{
    internal static readonly DeviceTags Fridge = new("st-mary", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-07");

    internal static readonly TelemetryBatch SampleBatch = new(Fridge, 42,
    [
        new(Fridge, "temperature", 4.5, "°C", Quality.Good, 1_700_000_000_000),
        new(Fridge, "humidity", double.NaN, "%", Quality.Bad, 1_700_000_000_000),
        new(Fridge, "door_open", 1, string.Empty, Quality.Stale, 1_700_000_000_000),
    ]);

    internal static readonly DeviceEvent SampleEvent = new("evt-fridge-07-temp-1700000000000", "temperature_high", Fridge, EventState.Cleared,
        EventSeverity.Critical, 1_700_000_000_000, 1_700_000_900_000, new Dictionary<string, double> { ["temperature"] = 9.25 }, "above 8 °C for 15 min");

    internal static readonly DeviceCommand SampleCommand = new("cmd-1", "setpoint", "fridge-07",
        new Dictionary<string, CommandArgument> { ["value"] = CommandArgument.Of(4.0), ["reason"] = CommandArgument.Of("audit \"42\"") },
        1_700_000_000_000, 1_700_000_060_000, "n-8f3a", "alice@st-mary");

    internal static readonly CommandReply SampleReply = new("cmd-1", false, CommandErrorCodes.DeviceError, "exception 02", new Dictionary<string, double> { ["setpoint"] = 5 });

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text.Replace('\'', '"'));

    [Fact]
    public void Telemetry_RoundTrip_KeepsEveryFieldAndSharesDeviceTags()
    {
        PayloadParseResult<TelemetryBatch> parsed = EnvelopeCodec.ParseTelemetry(EnvelopeCodec.Encode(SampleBatch));

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(Fridge, parsed.Value.Device);
        Assert.Equal(42, parsed.Value.Sequence);
        Assert.Equal(SampleBatch.Points[0], parsed.Value.Points[0]);
        Assert.True(double.IsNaN(parsed.Value.Points[1].Value));
        Assert.Equal(Quality.Bad, parsed.Value.Points[1].Quality);
        Assert.Equal(Quality.Stale, parsed.Value.Points[2].Quality);
        Assert.Same(parsed.Value.Device, parsed.Value.Points[2].Device);
    }

    [Fact]
    public void Telemetry_Encoded_MatchesTheDocumentedShape()
    {
        var batch = new TelemetryBatch(Fridge, 7, [new(Fridge, "temperature", 4.5, "C", Quality.Good, 1_700_000_000_000)]);
        Assert.Equal(
            "{'v':1,'seq':7,'device':{'site':'st-mary','building':'north','zone':'pharmacy','gateway':'gw-01','class':'cold-chain-fridge','id':'fridge-07'},"
            + "'points':[{'ch':'temperature','val':4.5,'unit':'C','q':'good','ts':1700000000000}]}",
            Encoding.UTF8.GetString(EnvelopeCodec.Encode(batch)).Replace('"', '\''));
    }

    [Fact]
    public void Event_RoundTrip_KeepsEveryField()
    {
        PayloadParseResult<DeviceEvent> parsed = EnvelopeCodec.ParseEvent(EnvelopeCodec.Encode(SampleEvent));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(SampleEvent with { Values = parsed.Value.Values }, parsed.Value);
        Assert.Equal(9.25, parsed.Value.Values["temperature"]);
    }

    [Fact]
    public void Command_RoundTrip_KeepsEveryFieldAndSignature()
    {
        DeviceCommand signed = SampleCommand with { Signature = "c2lnbmF0dXJl" };
        PayloadParseResult<DeviceCommand> parsed = EnvelopeCodec.ParseCommand(EnvelopeCodec.Encode(signed));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(signed with { Args = parsed.Value.Args }, parsed.Value);
        Assert.Equal(4.0, parsed.Value.Args["value"].Number);
        Assert.Equal("audit \"42\"", parsed.Value.Args["reason"].Text);
    }

    [Fact]
    public void Reply_RoundTrip_KeepsEveryField()
    {
        PayloadParseResult<CommandReply> parsed = EnvelopeCodec.ParseReply(EnvelopeCodec.Encode(SampleReply));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(SampleReply with { Values = parsed.Value.Values }, parsed.Value);
        Assert.Equal(5, parsed.Value.Values["setpoint"]);
    }

    [Theory]
    [InlineData("", "telemetry: empty payload")]
    [InlineData("[]", "telemetry: must be a JSON object")]
    [InlineData("{'v':2,'seq':1,'device':{},'points':[]}", "telemetry.v: 2 is outside 1..1")]
    [InlineData("{'v':1,'seq':1,'extra':0}", "telemetry.extra: is not a known field")]
    [InlineData("{'v':1,'v':1}", "telemetry.v: appears twice")]
    [InlineData("{'v':1,'seq':'1'}", "telemetry.seq: must be a whole number")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g/x','class':'c','id':'d'},'points':[]}", "telemetry.device.gateway: is not a valid topic level")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'}}", "telemetry.points: is missing")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':null,'unit':'','q':'good','ts':1700000000000}]}", "telemetry.points[0].val: is missing, and a good reading needs one")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1e400,'unit':'','q':'good','ts':1700000000000}]}", "telemetry.points[0].val: must be a finite number")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1,'unit':'','q':'good','ts':99999999999999}]}", "telemetry.points[0].ts: 99999999999999 is outside")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1,'unit':'','q':'meh','ts':1700000000000}]}", "telemetry.points[0].q: must be good, bad or stale")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1,'unit':'','q':'good','ts':1700000000000},{'ch':'t','val':1,'val':2,'unit':'','q':'good','ts':1700000000000}]}", "telemetry.points[1].val: appears twice")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1,'unit':'','q':'good','ts':1700000000000},{'ch':'t','val':1,'unit':'','q':'good','ts':1700000000000},{'ch':'t','val':1,'unit':'','q':'good','ts':1700000000000,'x':0}]}", "telemetry.points[2].x: is not a known field")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'','val':1,'unit':'','q':'good','ts':1700000000000}]}", "telemetry.points[0].ch: must be a non-empty name")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1,'q':'good','ts':1700000000000}]}", "telemetry.points[0].unit: is missing")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':'1','unit':'','q':'good','ts':1700000000000}]}", "telemetry.points[0].val: must be a finite number")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1,'unit':'','q':1,'ts':1700000000000}]}", "telemetry.points[0].q: must be a string")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t','val':1,'unit':'','q':'good','ts':1.5}]}", "telemetry.points[0].ts: must be a whole number")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'','zone':'','gateway':'g','class':'c','id':'d'},'points':[{'ch':'t\\u0001','val':1,'unit':'','q':'good','ts':1700000000000}]}", "telemetry.points[0].ch: must be a non-empty name")]
    [InlineData("{'v':1,'seq':NaN}", "telemetry: not valid JSON")]
    public void ParseTelemetry_BadPayload_RefusedWithReason(string json, string reason)
    {
        PayloadParseResult<TelemetryBatch> parsed = EnvelopeCodec.ParseTelemetry(Json(json));
        Assert.False(parsed.IsOk);
        Assert.StartsWith(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTelemetry_UnusualButValidPoints_ReadAsTheStrictReaderReadsThem()
    {
        // Escaped property names, a null value of a bad reading, a missing value of a stale one, fields in any order.
        byte[] payload = Json("{'v':1,'seq':7,'device':{'site':'s','building':'b','zone':'z','gateway':'g','class':'c','id':'d'},'points':["
            + "{'\\u0063h':'t','val':1.5,'unit':'C','q':'good','ts':1700000000000},"
            + "{'ts':1700000000001,'q':'bad','unit':'','val':null,'ch':'h'},"
            + "{'ch':'s','unit':'%','q':'stale','ts':1700000000002}]}");

        PayloadParseResult<TelemetryBatch> parsed = EnvelopeCodec.ParseTelemetry(payload);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(3, parsed.Value.Points.Count);
        Assert.Equal(("t", 1.5, "C", Quality.Good, 1_700_000_000_000L), (parsed.Value.Points[0].Channel, parsed.Value.Points[0].Value, parsed.Value.Points[0].Unit, parsed.Value.Points[0].Quality, parsed.Value.Points[0].TimestampUnixMs));
        Assert.True(double.IsNaN(parsed.Value.Points[1].Value));
        Assert.Equal(Quality.Bad, parsed.Value.Points[1].Quality);
        Assert.True(double.IsNaN(parsed.Value.Points[2].Value));
        Assert.Equal(Quality.Stale, parsed.Value.Points[2].Quality);
    }

    [Fact]
    public void ParseTelemetry_Oversize_Refused()
    {
        byte[] big = new byte[EnvelopeCodec.MaxTelemetryBytes + 1];
        Assert.Contains("over the", EnvelopeCodec.ParseTelemetry(big).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseEvent_ActiveWithClearedTime_Refused()
    {
        byte[] json = EnvelopeCodec.Encode(SampleEvent with { State = EventState.Active });
        Assert.Equal("event.cleared: must be present exactly when the state is cleared", EnvelopeCodec.ParseEvent(json).Error);
    }

    [Fact]
    public void ParseEvent_ClearedBeforeStarted_Refused()
    {
        byte[] json = EnvelopeCodec.Encode(SampleEvent with { ClearedUnixMs = SampleEvent.StartedUnixMs - 1 });
        Assert.Equal("event.cleared: is before started", EnvelopeCodec.ParseEvent(json).Error);
    }

    [Fact]
    public void ParseCommand_ExpiryBeforeIssueOrTooLate_Refused()
    {
        Assert.StartsWith("command.expires: must be after issued", EnvelopeCodec.ParseCommand(EnvelopeCodec.Encode(SampleCommand with { ExpiresUnixMs = SampleCommand.IssuedUnixMs })).Error, StringComparison.Ordinal);
        Assert.StartsWith("command.expires: must be after issued", EnvelopeCodec.ParseCommand(EnvelopeCodec.Encode(SampleCommand with { ExpiresUnixMs = SampleCommand.IssuedUnixMs + 86_400_001 })).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCommand_ArgumentOfWrongType_Refused()
    {
        byte[] json = Json("{'v':1,'id':'c','name':'n','device':'d','args':{'x':[1]},'issued':1700000000000,'expires':1700000001000,'nonce':'n','issuer':'i'}");
        Assert.Equal("command.args.x: must be a finite number or a short string", EnvelopeCodec.ParseCommand(json).Error);
    }

    [Fact]
    public void ParseCommand_ControlCharacterInId_Refused()
    {
        byte[] json = EnvelopeCodec.Encode(SampleCommand with { Id = "c\u0001" });
        Assert.Equal("command.id: must be a non-empty name without control characters", EnvelopeCodec.ParseCommand(json).Error);
    }

    [Fact]
    public void ParseReply_OkWithErrorCode_Refused()
    {
        byte[] json = Json("{'v':1,'id':'c','ok':true,'error':'timeout','message':'','values':{}}");
        Assert.Equal("reply.error: must be present exactly when ok is false", EnvelopeCodec.ParseReply(json).Error);
    }

    [Fact]
    public void ParseReply_TooManyValues_Refused()
    {
        var values = Enumerable.Range(0, EnvelopeCodec.MaxMapEntries + 1).ToDictionary(i => "v" + i, i => (double)i);
        byte[] json = EnvelopeCodec.Encode(new CommandReply("c", true, null, string.Empty, values));
        Assert.Equal("reply.values: has too many, repeated or badly named entries", EnvelopeCodec.ParseReply(json).Error);
    }

    [Fact]
    public void Parse_DeepNesting_RefusedAsInvalidJson()
    {
        byte[] deep = Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100));
        Assert.Contains("not valid JSON", EnvelopeCodec.ParseEvent(deep).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_Refused()
    {
        byte[] bad = [.. "{\"v\":1,\"id\":\"c"u8, 0xC0, 0xAF, .. "\"}"u8];
        Assert.Equal("reply: not valid UTF-8", EnvelopeCodec.ParseReply(bad).Error);
    }
}
