using Hpms.Cloud.Ingest;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Tests.Ingest;

public sealed class BinStockMapperTests
{
    private static readonly DeviceTags s_cabinet = new("st-mary", "north", "ward-3", "gw-01", "smart-supply-cabinet", "cab-1");
    private const long Ts = 1_700_000_000_000;

    [Fact]
    public void Map_CabinetChannels_GiveOneRowPerBinWithACount()
    {
        TelemetryBatch batch = Batch(
            P("bin01.count", 34), P("bin01.item-code", 100123), P("bin01.lot", 0, text: "L1234567"), P("bin01.expiry", 20271231),
            P("bin01.par", 60), P("bin01.reorder-point", 18), P("bin01.pick-light", 0),
            P("bin02.par", 10),
            P("door.open", 0));

        BinStock bin = Assert.Single(BinStockMapper.Map(batch));

        Assert.Equal(
            new BinStock(1, "100123", 34, 60, 18, "L1234567", new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()),
            bin);
    }

    [Fact]
    public void Map_BadQualityOrNonFinite_IsIgnored()
    {
        TelemetryBatch batch = Batch(P("bin03.count", 5), P("bin03.par", 9, Quality.Bad), P("bin04.count", double.NaN, Quality.Bad));

        BinStock bin = Assert.Single(BinStockMapper.Map(batch));

        Assert.Equal(new BinStock(3, null, 5, null, null, null, null), bin);
    }

    [Fact]
    public void Map_ItemCodeZeroAndImpossibleExpiry_AreNull()
    {
        BinStock bin = Assert.Single(BinStockMapper.Map(Batch(P("bin05.count", 0), P("bin05.item-code", 0), P("bin05.expiry", 20270231))));

        Assert.Null(bin.ItemId);
        Assert.Null(bin.ExpiryUnixMs);
    }

    [Fact]
    public void Map_OtherDeviceClass_IsEmpty()
    {
        DeviceTags fridge = s_cabinet with { DeviceClass = "cold-chain-fridge" };

        Assert.Empty(BinStockMapper.Map(new TelemetryBatch(fridge, 1, [new TelemetryPoint(fridge, "bin01.count", 3, "pcs", Quality.Good, Ts)])));
    }

    [Theory]
    [InlineData("bin01.count", true, 1, "count")]
    [InlineData("bin24.reorder-point", true, 24, "reorder-point")]
    [InlineData("bin100.count", true, 100, "count")]
    [InlineData("bin00.count", false, 0, "")]
    [InlineData("binXY.count", false, 0, "")]
    [InlineData("bin1.count", false, 0, "")]
    [InlineData("door.open", false, 0, "")]
    public void TrySplit_ReadsBinAndLeaf(string channel, bool ok, int bin, string leaf)
    {
        Assert.Equal(ok, BinStockMapper.TrySplit(channel, out int b, out string l));
        Assert.Equal((bin, leaf), ok ? (b, l) : (0, string.Empty));
    }

    [Fact]
    public void Over_TakesMissingFieldsFromThePrevious()
    {
        var previous = new BinStock(1, "100123", 30, 60, 18, "L1", 5);

        Assert.Equal(new BinStock(1, "100123", 12, 60, 18, "L1", 5), new BinStock(1, null, 12, null, null, null, null).Over(previous));
    }

    private static TelemetryBatch Batch(params TelemetryPoint[] points) => new(s_cabinet, 1, points);

    private static TelemetryPoint P(string channel, double value, Quality quality = Quality.Good, string? text = null) =>
        new(s_cabinet, channel, value, string.Empty, quality, Ts, text);
}
