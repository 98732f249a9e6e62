using System.Text;
using Hpms.Protocols.MqttDevices;

namespace Hpms.Protocols.Tests.MqttDevices;

public sealed class CabinetPayloadCodecTests
{
    internal static readonly CabinetReport SampleReport = new(
        "cab-3.west_1", 42, 1_741_734_000_123, DoorOpen: true, DoorOpenSeconds: 17, DoorForced: false, LockEngaged: false,
        Lockdown: false, Tamper: true, PowerFail: false, LastBadge: 4_000_000_123, BadgeEvents: 4_294_967_295,
        [
            new CabinetBinReport(1, 100_123, 34, "L1234567", 20271231, 60, 18, Light: true),
            new CabinetBinReport(2, 0, 0, string.Empty, 0, 0, 0, Light: false),
        ]);

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Report_EncodeThenParse_RoundTrips()
    {
        PayloadParseResult<CabinetReport> parsed = CabinetPayloadCodec.ParseReport(CabinetPayloadCodec.Encode(SampleReport));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(SampleReport with { Bins = [] }, parsed.Value with { Bins = [] });
        Assert.Equal(SampleReport.Bins, parsed.Value.Bins);
    }

    [Fact]
    public void Report_Encode_UsesDocumentedFieldNames()
    {
        string json = Encoding.UTF8.GetString(CabinetPayloadCodec.Encode(SampleReport with { Bins = [SampleReport.Bins[0]] }));
        Assert.Equal(
            """{"v":1,"device":"cab-3.west_1","seq":42,"time":1741734000123,"door":{"open":true,"openSeconds":17,"forced":false},"lock":{"engaged":false,"lockdown":false},"status":{"tamper":true,"powerFail":false},"badge":{"last":4000000123,"events":4294967295},"bins":[{"bin":1,"item":100123,"count":34,"lot":"L1234567","expiry":20271231,"par":60,"reorder":18,"light":true}]}""",
            json);
    }

    [Fact]
    public void Event_EncodeThenParse_RoundTrips()
    {
        var e = new CabinetEvent("cab-1", 7, 1_741_734_000_000, "stock-below-reorder", 3, 0, 9);
        PayloadParseResult<CabinetEvent> parsed = CabinetPayloadCodec.ParseEvent(CabinetPayloadCodec.Encode(e));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(e, parsed.Value);
    }

    public static TheoryData<string> Commands() => new()
    {
        """{"id":"c-1","cmd":"unlock","expires":1741734060000,"badge":40000123,"seconds":5}""",
        """{"id":"c-2","cmd":"light","bins":[1,7,24]}""",
        """{"id":"c-3","cmd":"lockdown","on":true}""",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_ParseThenEncode_GivesSameJson(string json)
    {
        PayloadParseResult<CabinetCommand> parsed = CabinetPayloadCodec.ParseCommand(Utf8(json));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(json, Encoding.UTF8.GetString(CabinetPayloadCodec.Encode(parsed.Value)));
    }

    [Fact]
    public void Command_Unlock_ReadsFields()
    {
        CabinetCommand command = CabinetPayloadCodec.ParseCommand(Utf8("""{"id":"c-1","cmd":"unlock","badge":7,"seconds":9,"future":{"x":1}}""")).Value!;
        Assert.Equal(new CabinetCommand("c-1", CabinetCommandNames.Unlock, null, Badge: 7, Seconds: 9), command);
    }

    [Theory]
    [InlineData(true, null, null)]
    [InlineData(false, CabinetCommandErrors.Lockdown, "the cabinet is in lockdown")]
    public void Reply_EncodeThenParse_RoundTrips(bool ok, string? error, string? reason)
    {
        var reply = new CabinetCommandReply("c-9", ok, error, reason);
        PayloadParseResult<CabinetCommandReply> parsed = CabinetPayloadCodec.ParseReply(CabinetPayloadCodec.Encode(reply));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(reply, parsed.Value);
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":NaN,"seconds":5}""", "not valid JSON")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":1,"seconds":5} trailing""", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"id":17,"cmd":"unlock","badge":1,"seconds":5}""", "command.id: must be a string")]
    [InlineData("""{"id":"","cmd":"unlock","badge":1,"seconds":5}""", "command.id: is empty")]
    [InlineData("""{"cmd":"unlock","badge":1,"seconds":5}""", "command.id: is missing")]
    [InlineData("""{"id":"c","cmd":"unlock","seconds":5}""", "command.badge: is missing")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":"7","seconds":5}""", "command.badge: must be a whole number")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":1.5,"seconds":5}""", "command.badge: must be a whole number")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":1e400,"seconds":5}""", "command.badge: must be a whole number")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":1,"seconds":0}""", "command.seconds: 0 is outside 1..300")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":1,"seconds":301}""", "outside 1..300")]
    [InlineData("""{"id":"c","cmd":"unlock","badge":-1,"seconds":5}""", "command.badge: -1 is outside")]
    [InlineData("""{"id":"c","cmd":"open-sesame"}""", "unknown command 'open-sesame'")]
    [InlineData("""{"id":"c","cmd":"light","bins":[0]}""", "command.bins: each must be")]
    [InlineData("""{"id":"c","cmd":"light","bins":[25]}""", "command.bins: each must be")]
    [InlineData("""{"id":"c","cmd":"light","bins":"1"}""", "command.bins: must be an array")]
    [InlineData("""{"id":"c","cmd":"light","bins":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,1]}""", "has more than 24 entries")]
    [InlineData("""{"id":"c","cmd":"lockdown","on":1}""", "command.on: must be true or false")]
    [InlineData("""{"id":"c","cmd":"lockdown","on":true,"expires":-5}""", "command.expires: -5 is outside")]
    [InlineData("""{"id":"c","cmd":"lockdown","on":true,"x":[[[[[[[[[1]]]]]]]]]}""", "not valid JSON")]
    public void ParseCommand_BadInput_FailsWithReason(string json, string reason)
    {
        PayloadParseResult<CabinetCommand> parsed = CabinetPayloadCodec.ParseCommand(Utf8(json));
        Assert.False(parsed.IsOk);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCommand_IdTooLong_Fails()
    {
        string id = new('x', CabinetPayloadCodec.MaxCommandIdLength + 1);
        PayloadParseResult<CabinetCommand> parsed = CabinetPayloadCodec.ParseCommand(Utf8($$"""{"id":"{{id}}","cmd":"lockdown","on":true}"""));
        Assert.Contains("longer than 64", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverSizeLimit_FailsBeforeParsing()
    {
        byte[] huge = Encoding.UTF8.GetBytes("{\"id\":\"c\",\"pad\":\"" + new string(' ', CabinetPayloadCodec.MaxPayloadBytes) + "\"}");
        Assert.Contains("over the", CabinetPayloadCodec.ParseCommand(huge).Error, StringComparison.Ordinal);
        Assert.Contains("over the", CabinetPayloadCodec.ParseReport(huge).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseReport_MissingNestedField_NamesIt()
    {
        string json = Encoding.UTF8.GetString(CabinetPayloadCodec.Encode(SampleReport)).Replace("\"powerFail\":false", "\"powerFail\":null", StringComparison.Ordinal);
        Assert.Equal("report.status.powerFail: is missing", CabinetPayloadCodec.ParseReport(Utf8(json)).Error);
    }

    [Fact]
    public void ParseReport_BadBin_NamesTheIndex()
    {
        string json = Encoding.UTF8.GetString(CabinetPayloadCodec.Encode(SampleReport)).Replace("\"count\":0", "\"count\":-3", StringComparison.Ordinal);
        Assert.Equal("report.bins[1].count: -3 is outside 0..65535", CabinetPayloadCodec.ParseReport(Utf8(json)).Error);
    }

    [Fact]
    public void ParseReport_BadDeviceId_Fails()
    {
        string json = Encoding.UTF8.GetString(CabinetPayloadCodec.Encode(SampleReport)).Replace("cab-3.west_1", "cab/#", StringComparison.Ordinal);
        Assert.Equal("report.device: is not a valid device id", CabinetPayloadCodec.ParseReport(Utf8(json)).Error);
    }

    [Theory]
    [InlineData("""{"id":"c-5","cmd":"unlock","seconds":5}""", "c-5")]
    [InlineData("""{"id":5}""", "")]
    [InlineData("garbage", "")]
    public void TryReadCommandId_InvalidCommand_ReturnsUsableIdOnly(string json, string expected) =>
        Assert.Equal(expected, CabinetPayloadCodec.TryReadCommandId(Utf8(json)));

    [Theory]
    [InlineData("cab-1", true)]
    [InlineData("Ward_3.cab-12", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a+", false)]
    [InlineData("a#", false)]
    [InlineData("ä", false)]
    public void IsValidDeviceId_Chars_OnlySafeTopicLevels(string id, bool valid) =>
        Assert.Equal(valid, CabinetTopics.IsValidDeviceId(id));

    [Fact]
    public void Topics_ForDevice_FollowTheScheme()
    {
        Assert.Equal("devices/cab-1/report", CabinetTopics.Report("cab-1"));
        Assert.Equal("devices/cab-1/event", CabinetTopics.Event("cab-1"));
        Assert.Equal("devices/cab-1/cmd", CabinetTopics.Command("cab-1"));
        Assert.Equal("devices/cab-1/cmd/reply", CabinetTopics.Reply("cab-1"));
        Assert.Equal("devices/cab-1/#", CabinetTopics.All("cab-1"));
        Assert.Throws<ArgumentException>(() => CabinetTopics.Command("x/#"));
    }
}
