using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private static readonly ScenarioLoadOptions s_options = new() { MapsDirectory = ScenarioText.MapsDirectory, RunDirectory = "/tmp/hpms-sim-tests" };

    private static Scenario Load(string json) => ScenarioLoader.Load(json, "/scenarios/test-scenario.json", s_options);

    private static IReadOnlyList<string> Refused(string json) => Assert.Throws<ScenarioException>(() => Load(json)).Errors;

    [Fact]
    public void Load_MinimalScenario_BuildsDevicesOnTheirUnits()
    {
        Scenario scenario = Load(ScenarioText.With(ScenarioText.Tcp, $"[{ScenarioText.Generic("a")}, {ScenarioText.Generic("b", unit: ", \"unitId\": 9")}]"));

        Assert.Equal(["a", "b"], scenario.Devices.Select(d => d.Device.Identity.Id));
        Assert.Equal([1, 9], scenario.Devices.Select(d => (int)d.UnitId));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.FromHours(8)), scenario.Time.Start);
        Assert.Equal(60, scenario.Time.Speed);
        Assert.Equal("test-site", scenario.Devices[0].Device.Identity.Site);
    }

    [Fact]
    public void Load_MalformedJson_NamesFileAndLine()
    {
        string error = Assert.Single(Refused("{\n  \"name\": \"x\",\n  oops\n}"));
        Assert.StartsWith("test-scenario.json: line 3", error, StringComparison.Ordinal);
    }

    // Found by the fuzz harness (tests/Hpms.IntegrationTests/Fuzz): "\ud800" is well-formed JSON but not valid
    // UTF-16; reading it threw InvalidOperationException instead of a ScenarioException.
    [Fact]
    public void Load_LoneSurrogateEscape_RefusedWithScenarioException()
    {
        string devices = """[{ "id": "\ud800", "class": "generic-modbus", "endpoint": "tcp" }]""";
        string error = Assert.Single(Refused(ScenarioText.With(ScenarioText.Tcp, devices)));
        Assert.StartsWith("test-scenario.json: a string is not valid Unicode", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownClass_NamesEntryAndKnownClasses()
    {
        string devices = """[{ "id": "f1", "class": "fridge", "endpoint": "tcp" }]""";
        string error = Assert.Single(Refused(ScenarioText.With(ScenarioText.Tcp, devices)));
        Assert.Contains("test-scenario.json.devices[0] (f1).class: unknown device class 'fridge'", error, StringComparison.Ordinal);
        Assert.Contains("generic-modbus", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateIdAndUnitCollision_BothReported()
    {
        string devices = $"[{ScenarioText.Generic("a", unit: ", \"unitId\": 3")}, {ScenarioText.Generic("a")}, {ScenarioText.Generic("c", unit: ", \"unitId\": 3")}]";
        IReadOnlyList<string> errors = Refused(ScenarioText.With(ScenarioText.Tcp, devices));
        Assert.Contains(errors, e => e.Contains("devices[1] (a): device id 'a' is used twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("devices[2] (c).unitId: unit 3 is already used on endpoint 'tcp'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownEndpointAndUnknownField_Reported()
    {
        string devices = $$"""[{ "id": "a", "class": "generic-modbus", "endpoint": "nowhere", "map": "{{ScenarioText.FridgeMap}}", "colour": "red" }]""";
        IReadOnlyList<string> errors = Refused(ScenarioText.With(ScenarioText.Tcp, devices));
        Assert.Contains(errors, e => e.Contains("devices[0].colour: unknown field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("devices[0] (a).endpoint: no endpoint 'nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ParityOnPty_Refused()
    {
        string endpoints = """[{ "id": "line", "kind": "modbus-rtu", "pty": "l1", "parity": "Even" }]""";
        IReadOnlyList<string> errors = Refused(ScenarioText.With(endpoints, $"[{ScenarioText.Generic("a", "line")}]"));
        Assert.Contains(errors, e => e.Contains("parity: a pty cannot take parity", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RelativePty_PlacedUnderRunDirectory()
    {
        string endpoints = """[{ "id": "line", "kind": "modbus-rtu", "pty": "b1/line-1", "baudRate": 9600, "paced": true }]""";
        Scenario scenario = Load(ScenarioText.With(endpoints, $"[{ScenarioText.Generic("a", "line")}]"));
        EndpointSpec line = Assert.Single(scenario.Endpoints);
        Assert.Equal("/tmp/hpms-sim-tests/b1/line-1", line.Pty);
        Assert.True(line.Paced);
        Assert.Equal(9600, line.BaudRate);
    }

    [Fact]
    public void Load_BadSettingsAndMissingMap_Reported()
    {
        string devices = $$"""
            [{ "id": "a", "class": "generic-modbus", "endpoint": "tcp", "map": "{{ScenarioText.FridgeMap}}", "settings": { "values": { "nope": 1 }, "wander": 5, "typo": 1 } },
             { "id": "b", "class": "generic-modbus", "endpoint": "tcp" }]
            """;
        IReadOnlyList<string> errors = Refused(ScenarioText.With(ScenarioText.Tcp, devices));
        Assert.Contains(errors, e => e.Contains("(a).settings.values: 'nope' is not a point of cold-chain-fridge.json", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(a).settings.wander: 5 is outside 0..1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(a).settings.typo: unknown setting", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(b).map: a generic-modbus serves the register map its entry names", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BrokenMapFile_NamesMapFileAndProblem()
    {
        string broken = Path.Combine(Path.GetTempPath(), $"broken-map-{Guid.NewGuid():N}.json");
        File.WriteAllText(broken, """{ "deviceClass": "x", "points": [ { "name": "p", "table": "InputRegister", "address": 70000, "type": "UInt16" } ] }""");
        try
        {
            string devices = $$"""[{ "id": "a", "class": "generic-modbus", "endpoint": "tcp", "map": "{{broken}}" }]""";
            IReadOnlyList<string> errors = Refused(ScenarioText.With(ScenarioText.Tcp, devices));
            Assert.Contains(errors, e => e.Contains($"(a).map: {broken} is invalid", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("address", StringComparison.OrdinalIgnoreCase) && e.Contains(Path.GetFileName(broken), StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Load_Events_CheckedAgainstTargets()
    {
        string events = """
            [{ "at": "00:10:00", "kind": "vanish", "device": "a" },
             { "at": "00:10:00", "kind": "door-open", "device": "a", "for": "00:20:00" },
             { "at": "00:10:00", "kind": "fault", "device": "ghost", "fault": "noise" },
             { "at": "00:10:00", "kind": "fault", "endpoint": "tcp", "fault": "smoke" },
             { "at": "2026-11-22T00:00:00+08:00", "kind": "fault", "endpoint": "tcp", "fault": "delay" },
             { "at": "00:10:00", "kind": "fault", "device": "a", "fault": "exception", "parameters": { "exception": 12 } }]
            """;
        IReadOnlyList<string> errors = Refused(ScenarioText.With(ScenarioText.Tcp, $"[{ScenarioText.Generic("a")}]", events));
        Assert.Contains(errors, e => e.Contains("events[0] (vanish).for: 'vanish' needs a duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("events[1] (door-open).kind: a generic-modbus does not accept 'door-open'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("events[2] (fault).device: no device 'ghost'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("events[3] (fault).fault: 'smoke' is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("events[4].at: 2026-11-22T00:00:00+08:00 is before the scenario starts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("events[5] (fault).parameters.exception: 12 is outside 1..11", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ValidEvents_SortedWithDefaultsFilled()
    {
        string events = """
            [{ "at": "02:00:00", "kind": "vanish", "endpoint": "tcp", "for": "00:00:30" },
             { "at": "2026-11-23T07:00:00+08:00", "kind": "fault", "device": "a", "fault": "exception", "count": 3 }]
            """;
        string withCount = events.Replace("\"count\": 3", "\"parameters\": { \"count\": 3 }", StringComparison.Ordinal);
        Scenario scenario = Load(ScenarioText.With(ScenarioText.Tcp, $"[{ScenarioText.Generic("a")}]", withCount));
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(2)], scenario.Events.Select(e => e.At));
        ScenarioEvent fault = scenario.Events[0];
        Assert.Equal(3, fault.Number("count"));
        Assert.Equal(4, fault.Number("exception"));
        Assert.Equal(TimeSpan.FromSeconds(30), scenario.Events[1].Duration);
    }

    [Fact]
    public void Load_Fleets_ExpandRoundRobinWithNextFreeUnits()
    {
        string endpoints = """[{ "id": "gw-{0:00}", "count": 3, "kind": "modbus-tcp", "port": 16000 }]""";
        string extra = $$"""
            ,
              "fleets": [{ "class": "generic-modbus", "count": 7, "idFormat": "g-{0:000}", "building": "B", "zones": ["ICU", "ER"],
                           "endpoints": ["gw-*"], "map": "{{ScenarioText.FridgeMap}}" }]
            """;
        Scenario scenario = Load(ScenarioText.With(endpoints, "[]", extra: extra));
        Assert.Equal([16000, 16001, 16002], scenario.Endpoints.Select(e => e.Port));
        Assert.Equal(7, scenario.Devices.Count);
        Assert.Equal("g-007", scenario.Devices[6].Device.Identity.Id);
        Assert.Equal(["gw-01", "gw-02", "gw-03", "gw-01"], scenario.Devices.Take(4).Select(d => d.Endpoint));
        Assert.Equal([1, 1, 1, 2], scenario.Devices.Take(4).Select(d => (int)d.UnitId));
        Assert.Equal(["ICU", "ER", "ICU"], scenario.Devices.Take(3).Select(d => d.Device.Identity.Zone));
    }

    [Fact]
    public void Load_EphemeralPorts_ZeroesEveryTcpPort()
    {
        string endpoints = """[{ "id": "gw-{0}", "count": 2, "kind": "modbus-tcp", "port": 16000 }]""";
        string extra = $$""", "fleets": [{ "class": "generic-modbus", "count": 2, "idFormat": "g{0}", "endpoints": ["gw-*"], "map": "{{ScenarioText.FridgeMap}}" }]""";
        Scenario scenario = ScenarioLoader.Load(ScenarioText.With(endpoints, "[]", extra: extra), "t.json", s_options with { EphemeralPorts = true });
        Assert.All(scenario.Endpoints, e => Assert.Equal(0, e.Port));
    }

    [Fact]
    public void Load_TooManyUnitsOnOneEndpoint_Refused()
    {
        string extra = $$""", "fleets": [{ "class": "generic-modbus", "count": 248, "idFormat": "g{0}", "endpoints": ["tcp"], "map": "{{ScenarioText.FridgeMap}}" }]""";
        IReadOnlyList<string> errors = Refused(ScenarioText.With(ScenarioText.Tcp, "[]", extra: extra));
        Assert.Contains(errors, e => e.Contains("already serves 247 units", StringComparison.Ordinal));
    }
}
