using System.Text;
using Hpms.Cloud.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class InfluxAnswerParserTests
{
    private static InfluxQueryResult Parse(string json) => InfluxAnswerParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_GroupedSeries_TagsColumnsAndNullCells()
    {
        InfluxQueryResult r = Parse("""
            {"results":[{"statement_id":0,"series":[
              {"name":"air-handling-unit","tags":{"device":"ahu-1","zone":"theatre-1"},"columns":["time","filter.differential-pressure","filter.final-resistance"],
               "values":[[1700000000000,301.5,null],[1700000300000,302,450]]},
              {"name":"air-handling-unit","tags":{"device":"ahu-2","zone":"icu"},"columns":["time","filter.differential-pressure","filter.final-resistance"],
               "values":[[1700000000000,"text",450]]}]}]}
            """);

        Assert.True(r.Ok);
        Assert.Equal(2, r.Series.Count);
        InfluxSeries s = r.Series[0];
        Assert.Equal(("air-handling-unit", "ahu-1", "theatre-1"), (s.Name, s.Tag("device"), s.Tag("zone")));
        Assert.Equal(["filter.differential-pressure", "filter.final-resistance"], s.Columns);
        Assert.Equal(1, s.IndexOf("filter.final-resistance"));
        Assert.Equal(-1, s.IndexOf("time"));
        Assert.Equal([301.5, null], s.Rows[0].Values);
        Assert.Equal((1700000300000L, 450.0), (s.Rows[1].TimeUnixMs, s.Rows[1].Values[1]));
        Assert.Null(r.Series[1].Rows[0].Values[0]);
    }

    [Fact]
    public void Parse_StatementWithoutSeries_OkAndEmpty()
    {
        InfluxQueryResult r = Parse("""{"results":[{"statement_id":0}]}""");

        Assert.True(r.Ok);
        Assert.Empty(r.Series);
    }

    [Fact]
    public void Parse_RowWithoutUsableTime_SkippedNotFatal()
    {
        InfluxQueryResult r = Parse("""{"results":[{"series":[{"name":"m","columns":["time","v"],"values":[[null,1],[5,2],"x",[]]}]}]}""");

        Assert.True(r.Ok);
        Assert.Equal(5, Assert.Single(r.Series[0].Rows).TimeUnixMs);
    }

    [Fact]
    public void Parse_Rfc3339Time_Accepted()
    {
        InfluxQueryResult r = Parse("""{"results":[{"series":[{"name":"m","columns":["time","v"],"values":[["1970-01-01T00:00:01Z",1]]}]}]}""");

        Assert.Equal(1000, r.Series[0].Rows[0].TimeUnixMs);
    }

    [Theory]
    [InlineData("""{"results":[{"statement_id":0,"error":"database not found: hpms"}]}""", "statement: database not found: hpms")]
    [InlineData("""{"error":"error parsing query: found EOF"}""", "server: error parsing query: found EOF")]
    [InlineData("""{"results":{}}""", "answer has no results array")]
    [InlineData("""[1,2]""", "answer is not a JSON object")]
    [InlineData("""{"results":[{"series":[{"name":"m","columns":["v","time"],"values":[]}]}]}""", "a series lacks name, columns or values, or its first column is not time")]
    [InlineData("""{"results":[{"series":7}]}""", "series is not an array")]
    public void Parse_Errors_FailedWithTheReason(string json, string error)
    {
        InfluxQueryResult r = Parse(json);

        Assert.False(r.Ok);
        Assert.Equal(error, r.Error);
        Assert.Empty(r.Series);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("\u00ff\u00fe")]
    public void Parse_Garbage_FailedNeverThrows(string body)
    {
        InfluxQueryResult r = Parse(body);

        Assert.StartsWith("invalid JSON", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(5);
        for (int i = 0; i < 2000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            _ = InfluxAnswerParser.Parse(bytes);
        }
    }
}
