using System.Text.Json;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.SupplyCabinet;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;
using Hpms.Simulators.Time;

namespace Hpms.Simulators.Tests.SupplyCabinet;

/// <summary>Builds cabinets on a manual clock.</summary>
internal static class CabinetTestKit
{
    /// <summary>A Wednesday at midnight, hospital local time.</summary>
    public static readonly DateTimeOffset Wednesday = new(2025, 3, 12, 0, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The Saturday after it.</summary>
    public static readonly DateTimeOffset Saturday = new(2025, 3, 15, 0, 0, 0, TimeSpan.FromHours(1));

    private static readonly Lazy<RegisterMap> s_map = new(() =>
        RegisterMapLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "devices", "smart-supply-cabinet.json")));

    public static DeviceContext Context(int seed, RecordingGroundTruth truth) =>
        new(new DeviceIdentity("cab-1", "smart-supply-cabinet", "site", "b1", "ward-3"), new Random(seed), new HospitalFlowProfile(), truth);

    public static DeviceSettings Settings(string? json)
    {
        List<string> errors = [];
        DeviceSettings settings = new(json is null ? null : JsonDocument.Parse(json).RootElement.Clone(), "test", errors);
        Assert.Empty(errors);
        return settings;
    }

    /// <summary>Settings with <paramref name="bins"/> identical bins.</summary>
    public static string Bins(int bins, int onHand, double dailyUse, int par = 9999, int reorder = 10, string extra = "")
    {
        string bin = $$"""{"itemCode":{0},"par":{{par}},"reorderPoint":{{reorder}},"onHand":{{onHand}},"lot":"L1","expiry":20271231,"dailyUse":{{dailyUse}}}""";
        string all = string.Join(',', Enumerable.Range(1, bins).Select(i => bin.Replace("{0}", (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        return "{\"bins\":[" + all + "]" + extra + "}";
    }

    public static (SupplyCabinetDevice Device, DeviceRegisters Registers) Create(int seed, RecordingGroundTruth truth, string? settings = null)
    {
        var registers = new DeviceRegisters(s_map.Value);
        var device = (SupplyCabinetDevice)SupplyCabinetDevice.Info.Create(Context(seed, truth), registers, Settings(settings));
        return (device, registers);
    }

    /// <summary>Advances from <paramref name="from"/> for <paramref name="span"/> in steps of <paramref name="step"/>; returns the end time.</summary>
    public static DateTimeOffset Run(SimulatedDevice device, DateTimeOffset from, TimeSpan span, TimeSpan step)
    {
        DateTimeOffset t = from;
        DateTimeOffset end = from + span;
        while (t < end)
        {
            TimeSpan dt = end - t < step ? end - t : step;
            t += dt;
            device.Advance(t, dt);
        }

        return t;
    }

    public static ScenarioEvent Event(string kind, TimeSpan? duration = null, double? factor = null) =>
        new(kind, "cab-1", TimeSpan.Zero, duration, factor is { } f ? new Dictionary<string, double> { ["factor"] = f } : new Dictionary<string, double>(), "test");
}
