using Hpms.Edge.MqttDevices;
using Hpms.Edge.Polling;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Tests.MqttDevices;

public sealed class CabinetReportNormalizerTests
{
    private static readonly DeviceTags s_tags = new("site", "b1", "ward-3", "gw-1", CabinetReportNormalizer.DeviceClass, "cab-9");

    internal static CabinetReport Report(long sequence = 42, params CabinetBinReport[] bins) => new(
        "cab-9", sequence, 1_741_734_000_123, DoorOpen: true, DoorOpenSeconds: 17, DoorForced: false, LockEngaged: false, Lockdown: true,
        Tamper: true, PowerFail: false, LastBadge: 40_000_123, BadgeEvents: 17,
        bins.Length > 0 ? bins : [new CabinetBinReport(1, 100_123, 34, "L1234567", 20_271_231, 60, 18, Light: false), new CabinetBinReport(12, 4_000_000_000, 0, "X", 0, 5, 1, Light: true)]);

    private static Dictionary<string, TelemetryPoint> Points(DeviceReading reading) => reading.Points.ToDictionary(p => p.Channel, StringComparer.Ordinal);

    [Fact]
    public void Normalize_Report_ChannelsCarryTheReportedValues()
    {
        Dictionary<string, TelemetryPoint> p = Points(CabinetReportNormalizer.Normalize(Report(), s_tags, 5_000));

        Assert.Equal(34, p["bin01.count"].Value);
        Assert.Equal(100_123, p["bin01.item-code"].Value);
        Assert.Equal("L1234567", p["bin01.lot"].Text);
        Assert.Equal(0, p["bin01.lot"].Value);
        Assert.Equal(20_271_231, p["bin01.expiry"].Value);
        Assert.Equal(60, p["bin01.par"].Value);
        Assert.Equal(18, p["bin01.reorder-point"].Value);
        Assert.Equal(0, p["bin01.pick-light"].Value);
        Assert.Equal(4_000_000_000, p["bin12.item-code"].Value);
        Assert.Equal(1, p["bin12.pick-light"].Value);
        Assert.Equal(1, p["door.open"].Value);
        Assert.Equal(17, p["door.open-seconds"].Value);
        Assert.Equal(0, p["lock.engaged"].Value);
        Assert.Equal(1, p["lock.lockdown"].Value);
        Assert.Equal(1, p["status.tamper"].Value);
        Assert.Equal(0, p["status.power-fail"].Value);
        Assert.Equal(0, p["status.door-forced"].Value);
        Assert.Equal(40_000_123, p["badge.last-id"].Value);
        Assert.Equal(17, p["badge.event-count"].Value);
    }

    [Fact]
    public void Normalize_Report_OnlyUsedBinsAllGoodWithTagsAndReceiveTime()
    {
        DeviceReading reading = CabinetReportNormalizer.Normalize(Report(), s_tags, 5_000);

        Assert.True(reading.Succeeded);
        Assert.Same(s_tags, reading.Device);
        Assert.Equal(9 + (2 * 7), reading.Points.Count);
        Assert.All(reading.Points, p => Assert.Equal((Quality.Good, 5_000L), (p.Quality, p.TimestampUnixMs)));
        Assert.All(reading.Points, p => Assert.Same(s_tags, p.Device));
        Assert.DoesNotContain(reading.Points, p => p.Channel.StartsWith("bin02.", StringComparison.Ordinal));
    }

    [Fact]
    public void Normalize_Report_EveryChannelAndUnitIsTheModbusCabinetMapsOwn()
    {
        RegisterMap map = RegisterMapLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "devices", "smart-supply-cabinet.json"));
        CabinetBinReport[] bins = [.. Enumerable.Range(1, 24).Select(b => new CabinetBinReport(b, b, b, "L", 20_300_101, 10, 2, false))];

        DeviceReading reading = CabinetReportNormalizer.Normalize(Report(7, bins), s_tags, 1);

        Assert.Equal(CabinetReportNormalizer.DeviceClass, map.DeviceClass);
        Assert.All(reading.Points, p =>
        {
            Assert.True(map.TryGetPoint(p.Channel, out RegisterPoint? point), p.Channel + " is not in the Modbus cabinet map");
            Assert.Equal(point.Unit, p.Unit);
        });
        string[] notReported = [.. map.Points.Select(p => p.Name).Except(reading.Points.Select(p => p.Channel)).Order(StringComparer.Ordinal)];
        Assert.Equal(["firmware.version", "lock.unlock"], notReported);
    }
}
