using Hpms.Cloud.Domain.Maintenance;
using Hpms.Cloud.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class DeviceHistoryQueryTests
{
    [Fact]
    public void Build_OneQueryForTheClass_DownsampledPerDeviceWithQuotedFields()
    {
        string q = DeviceHistoryQuery.Build(
            "air-handling-unit",
            [new("filter.differential-pressure", "mean"), new("filter.final-resistance", "last")],
            1_700_000_000_000,
            1_700_003_600_000,
            TimeSpan.FromMinutes(5));

        Assert.Equal(
            "SELECT mean(\"filter.differential-pressure\") AS \"filter.differential-pressure\", last(\"filter.final-resistance\") AS \"filter.final-resistance\" " +
            "FROM \"air-handling-unit\" WHERE time >= 1700000000000000000 AND time < 1700003600000000000 GROUP BY time(300s), \"device\", \"zone\" fill(none)",
            q);
    }

    [Fact]
    public void IdentifierAndLiteral_Escape()
    {
        Assert.Equal("\"a\\\"b\"", DeviceHistoryQuery.Identifier("a\"b"));
        Assert.Equal("'ahu\\'1'", DeviceHistoryQuery.Literal("ahu'1"));
    }

    [Fact]
    public void ToHistories_DeviceInTwoZones_MergedInTimeOrderWithTheNewestZone()
    {
        var result = new InfluxQueryResult(null, [
            new InfluxSeries("ahu", new Dictionary<string, string> { ["device"] = "ahu-1", ["zone"] = "new" }, ["v"], [new InfluxRow(300, [3.0]), new InfluxRow(400, [null])]),
            new InfluxSeries("ahu", new Dictionary<string, string> { ["device"] = "ahu-1", ["zone"] = "old" }, ["v"], [new InfluxRow(100, [1.0]), new InfluxRow(200, [2.0])]),
            new InfluxSeries("ahu", new Dictionary<string, string> { ["zone"] = "x" }, ["v"], [new InfluxRow(100, [9.0])]),
        ]);

        DeviceHistory h = Assert.Single(DeviceHistoryQuery.ToHistories(result));

        Assert.Equal(("ahu-1", "new"), (h.DeviceId, h.ZoneTag));
        Assert.Equal([new TrendPoint(100, 1), new TrendPoint(200, 2), new TrendPoint(300, 3)], h.Points("v"));
        Assert.Equal(3.0, h.Latest("v"));
        Assert.Null(h.Latest("missing"));
    }
}
