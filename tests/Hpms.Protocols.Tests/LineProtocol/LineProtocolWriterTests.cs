using System.Buffers;
using System.Text;
using Hpms.Protocols.LineProtocol;

namespace Hpms.Protocols.Tests.LineProtocol;

/// <summary>Escaping, field types and timestamps as the InfluxDB line-protocol reference spells them.</summary>
public sealed class LineProtocolWriterTests
{
    private readonly ArrayBufferWriter<byte> _output = new();

    private string Text => Encoding.UTF8.GetString(_output.WrittenSpan);

    [Fact]
    public void EndLine_ReferenceExample_MatchesReference()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("myMeasurement");
        writer.Tag("tag1", "value1");
        writer.Tag("tag2", "value2");
        writer.StringField("fieldKey", "fieldValue");

        Assert.Equal(LineProtocolStatus.Ok, writer.EndLine(_output, 1556813561098000000));
        Assert.Equal("myMeasurement,tag1=value1,tag2=value2 fieldKey=\"fieldValue\" 1556813561098000000\n", Text);
    }

    [Theory]
    [InlineData("my Measurement", "my\\ Measurement")]
    [InlineData("cpu,01", "cpu\\,01")]
    [InlineData("a=b", "a=b")] // '=' needs no escape in a measurement
    public void BeginLine_SpecialCharacters_EscapesCommaAndSpaceOnly(string measurement, string expected)
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine(measurement);
        writer.Field("v", 1L);
        writer.EndLine(_output);
        Assert.Equal(expected + " v=1i\n", Text);
    }

    [Fact]
    public void Tag_KeyAndValueWithCommaEqualsSpace_AreEscaped()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.Tag("tag Key1", "tag Value1");
        writer.Tag("a,b=c", "x=y,z");
        writer.Field("field key=", 100L);
        writer.EndLine(_output);
        Assert.Equal("m,tag\\ Key1=tag\\ Value1,a\\,b\\=c=x\\=y\\,z field\\ key\\==100i\n", Text);
    }

    [Fact]
    public void StringField_QuotesAndBackslashes_AreEscaped()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.StringField("s", "\"string\" within a \\ string, with = and spaces");
        writer.EndLine(_output);
        Assert.Equal("m s=\"\\\"string\\\" within a \\\\ string, with = and spaces\"\n", Text);
    }

    [Fact]
    public void Fields_EveryType_UseTheirSuffixes()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.Field("f", 1.5);
        writer.Field("whole", 2.0);
        writer.Field("big", -1.234456e+78);
        writer.Field("i", long.MinValue);
        writer.FieldUnsigned("u", ulong.MaxValue);
        writer.Field("t", true);
        writer.Field("b", false);
        writer.EndLine(_output);
        Assert.Equal("m f=1.5,whole=2,big=-1.234456E+78,i=-9223372036854775808i,u=18446744073709551615u,t=true,b=false\n", Text);
    }

    [Fact]
    public void Tag_EmptyValue_IsOmitted()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        Assert.Equal(LineProtocolStatus.Ok, writer.Tag("zone", string.Empty));
        writer.Tag("site", "s1");
        writer.Field("v", 1L);
        writer.EndLine(_output);
        Assert.Equal("m,site=s1 v=1i\n", Text);
    }

    [Fact]
    public void Field_NaNAndInfinity_SkippedAndCountedLineKept()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        Assert.Equal(LineProtocolStatus.NonFiniteValue, writer.Field("a", double.NaN));
        Assert.Equal(LineProtocolStatus.NonFiniteValue, writer.Field("b", double.PositiveInfinity));
        Assert.Equal(LineProtocolStatus.Ok, writer.Field("c", 3.25));
        Assert.Equal(LineProtocolStatus.Ok, writer.EndLine(_output));
        Assert.Equal("m c=3.25\n", Text);
        Assert.Equal(2, writer.NonFiniteFieldsSkipped);
    }

    [Fact]
    public void EndLine_OnlyNonFiniteFields_RefusedAsNoFields()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.Field("a", double.NegativeInfinity);
        Assert.Equal(LineProtocolStatus.NoFields, writer.EndLine(_output));
        Assert.Equal(0, _output.WrittenCount);
        Assert.Equal(1, writer.LinesRefused);
    }

    [Theory]
    [InlineData("", LineProtocolStatus.InvalidMeasurement)]
    [InlineData("_internal", LineProtocolStatus.InvalidMeasurement)]
    [InlineData("#comment", LineProtocolStatus.InvalidMeasurement)]
    [InlineData("back\\slash", LineProtocolStatus.InvalidMeasurement)]
    [InlineData("new\nline", LineProtocolStatus.InvalidMeasurement)]
    public void BeginLine_InvalidMeasurement_LineRefusedNothingWritten(string measurement, LineProtocolStatus expected)
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine(measurement);
        writer.Field("v", 1.0);
        Assert.Equal(expected, writer.EndLine(_output));
        Assert.Equal(0, _output.WrittenCount);
    }

    [Theory]
    [InlineData("time", "v", LineProtocolStatus.InvalidTagKey)]
    [InlineData("_k", "v", LineProtocolStatus.InvalidTagKey)]
    [InlineData("k", "a\\b", LineProtocolStatus.InvalidTagValue)]
    [InlineData("k", "a\tb", LineProtocolStatus.InvalidTagValue)]
    public void Tag_Invalid_FailsTheWholeLine(string key, string value, LineProtocolStatus expected)
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.Tag(key, value);
        writer.Field("v", 1.0);
        Assert.Equal(expected, writer.EndLine(_output));
        Assert.Equal(0, _output.WrittenCount);
    }

    [Fact]
    public void Tag_LoneSurrogate_FailsTheWholeLine()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        Assert.Equal(LineProtocolStatus.InvalidTagValue, writer.Tag("k", new string(['a', (char)0xD800, 'b'])));
        writer.Field("v", 1.0);
        Assert.Equal(LineProtocolStatus.InvalidTagValue, writer.EndLine(_output));
    }

    [Fact]
    public void StringField_Newline_Refused()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        Assert.Equal(LineProtocolStatus.InvalidFieldValue, writer.StringField("s", "two\nlines"));
        Assert.Equal(LineProtocolStatus.InvalidFieldValue, writer.EndLine(_output));
    }

    [Fact]
    public void StringField_Over64KiB_Refused()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.StringField("s", new string('x', LineProtocolWriter.MaxStringFieldBytes + 1));
        Assert.Equal(LineProtocolStatus.InvalidFieldValue, writer.EndLine(_output));
    }

    [Fact]
    public void Tag_AfterField_OutOfOrder()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.Field("v", 1.0);
        Assert.Equal(LineProtocolStatus.OutOfOrder, writer.Tag("k", "v"));
        Assert.Equal(LineProtocolStatus.OutOfOrder, writer.EndLine(_output));
    }

    [Fact]
    public void RefusedLine_ThenValidLine_OnlyValidLineWritten()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("m");
        writer.Tag("k", "bad\\");
        writer.Field("v", 1.0);
        writer.EndLine(_output);
        writer.BeginLine("m");
        writer.Field("v", 2.0);
        writer.EndLine(_output);
        Assert.Equal("m v=2\n", Text);
        Assert.Equal(1, writer.LinesWritten);
        Assert.Equal(1, writer.LinesRefused);
    }

    [Fact]
    public void Emoji_WrittenAsUtf8()
    {
        var writer = new LineProtocolWriter();
        writer.BeginLine("myMeasurement");
        writer.Tag("tagKey", "🍭");
        writer.StringField("fieldKey", "Launch 🚀");
        writer.EndLine(_output, 1556813561098000000);
        Assert.Equal("myMeasurement,tagKey=🍭 fieldKey=\"Launch 🚀\" 1556813561098000000\n", Text);
    }

    [Theory]
    [InlineData(TimestampPrecision.Nanoseconds, 1_700_000_000_123, "1700000000123000000")]
    [InlineData(TimestampPrecision.Microseconds, 1_700_000_000_123, "1700000000123000")]
    [InlineData(TimestampPrecision.Milliseconds, 1_700_000_000_123, "1700000000123")]
    [InlineData(TimestampPrecision.Seconds, 1_700_000_000_999, "1700000000")]
    [InlineData(TimestampPrecision.Seconds, -1, "-1")]
    public void EndLineUnixMs_EachPrecision_ConvertsMilliseconds(TimestampPrecision precision, long unixMs, string expected)
    {
        var writer = new LineProtocolWriter(precision);
        writer.BeginLine("m");
        writer.Field("v", 1L);
        Assert.Equal(LineProtocolStatus.Ok, writer.EndLineUnixMs(_output, unixMs));
        Assert.Equal("m v=1i " + expected + "\n", Text);
    }

    [Theory]
    [InlineData(TimestampPrecision.Nanoseconds, 9_300_000_000_000)] // year 2264: past InfluxDB's ns range
    [InlineData(TimestampPrecision.Milliseconds, long.MinValue)]
    [InlineData(TimestampPrecision.Seconds, long.MaxValue)]
    public void EndLineUnixMs_OutOfRange_Refused(TimestampPrecision precision, long unixMs)
    {
        var writer = new LineProtocolWriter(precision);
        writer.BeginLine("m");
        writer.Field("v", 1L);
        Assert.Equal(LineProtocolStatus.TimestampOutOfRange, writer.EndLineUnixMs(_output, unixMs));
        Assert.Equal(0, _output.WrittenCount);
    }

    [Theory]
    [InlineData(TimestampPrecision.Nanoseconds, "n", "ns")]
    [InlineData(TimestampPrecision.Microseconds, "u", "us")]
    [InlineData(TimestampPrecision.Milliseconds, "ms", "ms")]
    [InlineData(TimestampPrecision.Seconds, "s", "s")]
    public void QueryValues_EachPrecision_MatchWriteApis(TimestampPrecision precision, string v1, string v2)
    {
        Assert.Equal(v1, precision.ToV1QueryValue());
        Assert.Equal(v2, precision.ToV2QueryValue());
    }
}
