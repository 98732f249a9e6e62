using Hpms.Simulators.Devices;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;
using Hpms.Simulators.Tests.Hosting;

namespace Hpms.Simulators.Tests.Scenarios;

/// <summary>
/// The shipped mid-size hospital scenario, run deterministically in one-minute steps (no network):
/// what its events say happens does happen, at the times the file gives.
/// </summary>
public sealed class DefaultHospitalScenarioTests
{
    private static readonly string s_file = Path.Combine(AppContext.BaseDirectory, "scenarios", "default-hospital.json");

    private sealed class NoWire : IWireFaults
    {
        public List<(string Kind, string Target, EventPhase Phase)> Applied { get; } = [];

        public void Apply(ScenarioEvent scenarioEvent, EventPhase phase) => Applied.Add((scenarioEvent.Kind, scenarioEvent.Target, phase));
    }

    private sealed class Run
    {
        public Run()
        {
            Scenario = ScenarioLoader.LoadFile(s_file, new ScenarioLoadOptions { MapsDirectory = ScenarioText.MapsDirectory }, Truth);
            Simulation = new Simulation(Scenario, Wire, Truth);
        }

        public RecordingTruth Truth { get; } = new();

        public NoWire Wire { get; } = new();

        public Scenario Scenario { get; }

        public Simulation Simulation { get; }

        public DeviceRegisters Registers(string id) => Scenario.Devices.Single(d => d.Device.Identity.Id == id).Registers!;

        /// <summary>Steps minute by minute to <paramref name="offset"/>, sampling one point each minute.</summary>
        public List<(TimeSpan At, double Value)> RunTo(TimeSpan offset, string device, string point)
        {
            List<(TimeSpan, double)> samples = [];
            DeviceRegisters registers = Registers(device);
            while (Simulation.Now < Scenario.Time.Start + offset)
            {
                Simulation.AdvanceTo(Simulation.Now.AddMinutes(1));
                samples.Add((Simulation.Now - Scenario.Time.Start, registers.Get(point)));
            }

            return samples;
        }
    }

    [Fact]
    public void Loads_DozensOfEveryClass_AcrossThreeBuildings()
    {
        var run = new Run();
        var perClass = run.Scenario.Devices.GroupBy(d => d.Class.Name).ToDictionary(g => g.Key, g => g.Count());
        foreach (string name in new[] { "smart-supply-cabinet", "cold-chain-fridge", "occupancy-counter", "medical-gas-panel", "air-handling-unit" })
        {
            Assert.True(perClass[name] >= 24, $"{name}: {perClass[name]}");
        }

        Assert.Equal(6, perClass["smart-supply-cabinet-mqtt"]);
        Assert.Equal(["A", "B", "C"], run.Scenario.Devices.Select(d => d.Device.Identity.Building).Distinct().Order());
    }

    [Fact]
    public void FridgeDoorLeftOpen20Minutes_LeavesTwoToEight_AndRecovers()
    {
        var run = new Run();
        List<(TimeSpan At, double Value)> temperature = run.RunTo(TimeSpan.FromHours(2), "fridge-b-03", "temperature");

        double before = temperature.Where(s => s.At < TimeSpan.FromMinutes(30)).Max(s => s.Value);
        double during = temperature.Where(s => s.At > TimeSpan.FromMinutes(30) && s.At <= TimeSpan.FromMinutes(52)).Max(s => s.Value);
        double after = temperature.Where(s => s.At >= TimeSpan.FromMinutes(100)).Max(s => s.Value);
        Assert.InRange(before, 2.0, 8.0);
        Assert.True(during > 8.0, $"peak while open {during} °C");
        Assert.InRange(after, 2.0, 8.0);
        Assert.Contains(run.Truth.Events, e => e is { Device: "fridge-b-03", Kind: "door-open", Detail: "end" });
    }

    [Fact]
    public void FilterClogging_ReachesFinalResistance_SixRunningHoursLater_NotBefore()
    {
        var run = new Run();
        List<(TimeSpan At, double Value)> alarm = run.RunTo(TimeSpan.FromHours(7), "ahu-a-01", "filter.alarm");

        TimeSpan first = alarm.First(s => s.Value == 1).At;
        Assert.InRange(first, TimeSpan.FromHours(6) - TimeSpan.FromMinutes(8), TimeSpan.FromHours(6) + TimeSpan.FromMinutes(8));
        double limit = run.Registers("ahu-a-01").Get("filter.final-resistance");
        Assert.True(run.Registers("ahu-a-01").Get("filter.differential-pressure") >= limit);
    }

    [Fact]
    public void PatientSurge_TakesACabinetBinToItsReorderPoint()
    {
        var run = new Run();
        run.RunTo(TimeSpan.FromHours(4), "cab-a-01", "bin01.count");

        DeviceRegisters cabinet = run.Registers("cab-a-01");
        int below = Enumerable.Range(1, 24).Count(n => cabinet.Get($"bin{n:00}.count") <= cabinet.Get($"bin{n:00}.reorder-point") && cabinet.Get($"bin{n:00}.par") > 0);
        Assert.True(below >= 1, "no bin of cab-a-01 at or below its reorder point after a 3 h surge");
        Assert.Contains(run.Truth.StockMoves, m => m.Device == "cab-a-01" && m.Delta < 0);
    }

    [Fact]
    public void GasBankSwitchover_AndTankLow_HappenWhenTheFileSays()
    {
        var run = new Run();
        run.RunTo(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(59), "gas-b-01", "o2.switchover-count");
        double switchesBefore = run.Registers("gas-b-01").Get("o2.switchover-count");
        bool lowBefore = run.Registers("gas-a-01").GetBool("alarm.lox.low");
        run.RunTo(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(2), "gas-b-01", "o2.switchover-count");

        Assert.Equal(switchesBefore + 1, run.Registers("gas-b-01").Get("o2.switchover-count"));
        Assert.True(run.Registers("gas-b-01").GetBool("o2.reserve.in-service"));
        Assert.False(lowBefore);
        Assert.True(run.Registers("gas-a-01").GetBool("alarm.lox.low"));
    }

    [Fact]
    public void WireEvents_GoToTheWire_WithStartAndEnd()
    {
        var run = new Run();
        run.RunTo(TimeSpan.FromHours(9), "occ-a-01", "people.count");

        Assert.Contains(("fault", "line-b-1", EventPhase.Start), run.Wire.Applied);
        Assert.Contains(("fault", "line-b-1", EventPhase.End), run.Wire.Applied);
        Assert.Contains(("vanish", "occ-c-03", EventPhase.End), run.Wire.Applied);
        Assert.Contains(("vanish", "gw-a", EventPhase.Start), run.Wire.Applied);
        Assert.DoesNotContain(run.Wire.Applied, a => a.Kind is not ("fault" or "vanish"));
    }

    [Fact]
    public void SameSeed_SameRun()
    {
        var a = new Run();
        var b = new Run();
        List<(TimeSpan, double)> first = a.RunTo(TimeSpan.FromHours(3), "occ-b-02", "people.count");
        List<(TimeSpan, double)> second = b.RunTo(TimeSpan.FromHours(3), "occ-b-02", "people.count");
        Assert.Equal(first, second);
        Assert.True(first.Select(s => s.Item2).Distinct().Count() > 5, "the count should move");
    }
}
