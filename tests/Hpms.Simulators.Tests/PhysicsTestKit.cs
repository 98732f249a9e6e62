using System.Text.Json;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Devices;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;
using Hpms.Simulators.Time;

namespace Hpms.Simulators.Tests;

/// <summary>Builds map-backed devices and drives them with a manual clock.</summary>
internal static class PhysicsTestKit
{
    /// <summary>A Tuesday midnight, hospital local time.</summary>
    public static readonly DateTimeOffset Tuesday = new(2025, 3, 4, 0, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The Saturday midnight of the same week.</summary>
    public static readonly DateTimeOffset Saturday = new(2025, 3, 8, 0, 0, 0, TimeSpan.FromHours(1));

    public static RegisterMap Map(string name) =>
        RegisterMapLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "devices", name + ".json"));

    public static DeviceSettings Settings(string? json = null, List<string>? errors = null) =>
        new(json is null ? null : JsonDocument.Parse(json).RootElement.Clone(), "test", errors ?? []);

    public static (SimulatedDevice Device, DeviceRegisters Registers) Create(
        DeviceClassInfo info, int seed = 1, string? settings = null, IGroundTruth? truth = null)
    {
        var registers = new DeviceRegisters(Map(info.MapClass!));
        var context = new DeviceContext(
            new DeviceIdentity("dev-1", info.MapClass!, "site", "A", "zone"),
            new Random(seed),
            new HospitalFlowProfile(),
            truth ?? NullGroundTruth.Instance);
        List<string> errors = [];
        SimulatedDevice device = info.Create(context, registers, Settings(settings, errors));
        Assert.Empty(errors);
        return (device, registers);
    }

    public static ScenarioEvent Event(string kind, TimeSpan? duration = null, params (string Name, double Value)[] parameters) =>
        new(kind, "dev-1", TimeSpan.Zero, duration, parameters.ToDictionary(p => p.Name, p => p.Value), "test");

    /// <summary>Advances from <paramref name="from"/> in steps of <paramref name="step"/> for <paramref name="span"/>, calling <paramref name="observe"/> after each.</summary>
    public static DateTimeOffset Run(SimulatedDevice device, DateTimeOffset from, TimeSpan span, TimeSpan step, Action<DateTimeOffset>? observe = null)
    {
        DateTimeOffset now = from;
        DateTimeOffset end = from + span;
        while (now < end)
        {
            now += step;
            device.Advance(now, step);
            observe?.Invoke(now);
        }

        return now;
    }
}
