using Hpms.Cloud.Telemetry;
using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Tests.Telemetry;

public sealed class LatestTelemetryTests
{
    private static readonly DeviceTags Ahu = new("s", "b", "z", "g", "air-handling-unit", "ahu-1");

    private static TelemetryPoint Point(double value, long ts, Quality quality = Quality.Good) => new(Ahu, "filter_dp", value, "Pa", quality, ts);

    [Fact]
    public void Record_OlderAfterNewer_KeepsTheNewer()
    {
        var latest = new LatestTelemetry();
        latest.Record("ahu-1", Point(200, 2_000));
        latest.Record("ahu-1", Point(100, 1_000));

        Assert.True(latest.TryGet("ahu-1", "filter_dp", out TelemetryPoint held));
        Assert.Equal(200, held.Value);
    }

    [Fact]
    public void Record_BadOrNonFinite_Ignored()
    {
        var latest = new LatestTelemetry();
        latest.Record("ahu-1", Point(300, 3_000, Quality.Bad));
        latest.Record("ahu-1", Point(double.NaN, 3_000));

        Assert.False(latest.TryGet("ahu-1", "filter_dp", out _));
        Assert.Equal(0, latest.Count);
    }

    [Fact]
    public void Record_ManyWritersOneChannel_EndsWithTheNewest()
    {
        var latest = new LatestTelemetry();
        Parallel.For(0, 20_000, i => latest.Record("ahu-1", Point(i, 1_000 + i)));

        Assert.True(latest.TryGet("ahu-1", "filter_dp", out TelemetryPoint held));
        Assert.Equal(19_999, held.Value);
    }
}
