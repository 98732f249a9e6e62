namespace Hpms.Simulators.Tests.Scenarios;

/// <summary>Small scenario documents for loader tests, built around the generic-modbus class.</summary>
internal static class ScenarioText
{
    public static string MapsDirectory => Path.Combine(AppContext.BaseDirectory, "devices");

    public static string FridgeMap => Path.Combine(MapsDirectory, "cold-chain-fridge.json").Replace("\\", "/", StringComparison.Ordinal);

    public static string With(string endpoints, string devices, string events = "[]", string extra = "") => $$"""
        {
          "name": "test", "site": "test-site", "seed": 7,
          "time": { "start": "2026-11-23T06:00:00+08:00", "speed": 60 },
          "endpoints": {{endpoints}},
          "devices": {{devices}},
          "events": {{events}}{{extra}}
        }
        """;

    public static string Tcp => """[{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }]""";

    public static string Generic(string id, string endpoint = "tcp", string unit = "") =>
        $$"""{ "id": "{{id}}", "class": "generic-modbus", "endpoint": "{{endpoint}}", "map": "{{FridgeMap}}"{{unit}} }""";
}
