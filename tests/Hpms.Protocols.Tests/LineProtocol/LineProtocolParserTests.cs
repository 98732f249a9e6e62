using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hpms.Protocols.LineProtocol;

namespace Hpms.Protocols.Tests.LineProtocol;

/// <summary>The parser reads the reference's examples and refuses bad lines with a reason, never throwing.</summary>
public sealed class LineProtocolParserTests
{
    private static LineProtocolParseResult Parse(string text) => LineProtocolParser.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Parse_ReferenceExample_ReadsEveryElement()
    {
        LineProtocolParseResult result = Parse("myMeasurement,tag1=value1,tag2=value2 fieldKey=\"fieldValue\" 1556813561098000000\n");
        LineProtocolPoint point = Assert.Single(result.Points);
        Assert.Equal("myMeasurement", point.Measurement);
        Assert.Equal("value2", point.Tag("tag2"));
        Assert.Equal("fieldValue", point.Field("fieldKey")!.Value.Text);
        Assert.Equal(1556813561098000000, point.Timestamp);
    }

    [Fact]
    public void Parse_EscapesAndTypes_Unescaped()
    {
        LineProtocolPoint point = Assert.Single(Parse(
            "my\\ Measurement,tag\\ Key1=tag\\ Value1,a\\=b=c\\,d s=\"\\\"q\\\" \\\\ x\",f=-1.5e3,i=-7i,u=7u,t=t,F=FALSE,n=1").Points);
        Assert.Equal("my Measurement", point.Measurement);
        Assert.Equal("tag Value1", point.Tag("tag Key1"));
        Assert.Equal("c,d", point.Tag("a=b"));
        Assert.Equal("\"q\" \\ x", point.Field("s")!.Value.Text);
        Assert.Equal(-1500, point.Field("f")!.Value.Float);
        Assert.Equal(-7, point.Field("i")!.Value.Integer);
        Assert.Equal(7UL, point.Field("u")!.Value.UInteger);
        Assert.True(point.Field("t")!.Value.Boolean);
        Assert.False(point.Field("F")!.Value.Boolean);
        Assert.Equal(LineProtocolFieldKind.Float, point.Field("n")!.Value.Kind);
        Assert.Null(point.Timestamp);
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndCrLf_Skipped()
    {
        LineProtocolParseResult result = Parse("# comment\n\n   \nm v=1 5\r\nm v=2 6\n");
        Assert.Equal([5L, 6L], result.Points.Select(p => p.Timestamp!.Value));
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("m", "missing field set")]
    [InlineData("m v=NaN", "not a number")]
    [InlineData("m v=Infinity", "not a number")]
    [InlineData("m v=\"open", "unterminated string")]
    [InlineData("m,k= v=1", "empty value")]
    [InlineData("m,k=1,k=2 v=1", "duplicate tag")]
    [InlineData("m v=1 12x", "timestamp")]
    [InlineData("m v=1i2", "not a number")]
    [InlineData(",k=v v=1", "missing measurement")]
    public void Parse_BadLine_ErrorWithLineNumberOthersKept(string bad, string reason)
    {
        LineProtocolParseResult result = Parse("ok v=1\n" + bad + "\nok v=2\n");
        Assert.Equal(2, result.Points.Count);
        LineProtocolParseError error = Assert.Single(result.Errors);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_Refused()
    {
        byte[] bytes = [.. "m,k="u8, 0xC3, .. " v=1"u8];
        Assert.Equal("not valid UTF-8", Assert.Single(LineProtocolParser.Parse(bytes).Errors).Reason);
    }

    [Property(MaxTest = 500)]
    public Property RandomBytes_Parse_NeverThrows() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            LineProtocolParseResult result = LineProtocolParser.Parse(bytes ?? []);
            return result.ErrorCount >= result.Errors.Count;
        });

    [Property(MaxTest = 500)]
    public Property RandomStrings_WriterOutput_ParsesBackIdentically() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), ArbMap.Default.ArbFor<string>(), (key, value) =>
        {
            key ??= string.Empty;
            if (key == "s")
            {
                return true;
            }

            value ??= string.Empty;
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            var writer = new LineProtocolWriter();
            writer.BeginLine("m");
            writer.Tag("k", value);
            writer.Field(key, 1L);
            writer.StringField("s", value);
            if (writer.EndLine(output) != LineProtocolStatus.Ok)
            {
                // Refused input must be one the writer documents as invalid.
                return !LineProtocolWriter.IsValidKey(key) || !LineProtocolWriter.IsValidTagValue(value) || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal);
            }

            LineProtocolPoint point = Assert.Single(LineProtocolParser.Parse(output.WrittenSpan).Points);
            return point.Field(key)?.Integer == 1 && point.Field("s")?.Text == value && (point.Tag("k") ?? string.Empty) == value;
        });
}
