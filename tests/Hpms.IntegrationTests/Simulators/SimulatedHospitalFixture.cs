using System.Globalization;
using System.Text;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Simulators;

/// <summary>
/// hpms-sim running every Modbus device class twice: on a Modbus TCP endpoint and on an RTU line
/// (a socat pty pair). Stepped once and then held, so a third-party client reads values that stand
/// still while the test compares them with what the simulator holds.
/// </summary>
public sealed class SimulatedHospitalFixture : IAsyncLifetime
{
    public SimulatorRunner Runner { get; private set; } = null!;

    public static IEnumerable<string> ModbusClasses =>
        DeviceCatalog.All.Where(c => c.MapClass is not null && !c.MapFromScenario).Select(c => c.Name).Order(StringComparer.Ordinal);

    public int TcpPort { get; private set; }

    public string Pty { get; private set; } = string.Empty;

    public ScenarioDevice Device(string className, bool onTcp) =>
        Runner.Scenario.Devices.Single(d => d.Class.Name == className && (d.Endpoint == "tcp") == onTcp);

    public async Task InitializeAsync()
    {
        PeerTools.RequireOrSkip(PeerTool.Socat);
        var devices = new StringBuilder();
        foreach (string name in ModbusClasses)
        {
            devices.Append(CultureInfo.InvariantCulture, $$"""{ "id": "{{name}}-tcp", "class": "{{name}}", "endpoint": "tcp" },""");
            devices.Append(CultureInfo.InvariantCulture, $$"""{ "id": "{{name}}-rtu", "class": "{{name}}", "endpoint": "line" },""");
        }

        string json = $$"""
            {
              "name": "every-class", "site": "test", "seed": 11,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 1 },
              "endpoints": [
                { "id": "tcp", "kind": "modbus-tcp", "port": 0 },
                { "id": "line", "kind": "modbus-rtu", "pty": "every-class-{{Guid.NewGuid():N}}", "baudRate": 115200 }
              ],
              "devices": [{{devices.ToString().TrimEnd(',')}}]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(
            json, "every-class.json",
            new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"), RunDirectory = Path.Combine(Path.GetTempPath(), "hpms-it") });
        Runner = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
        Runner.Step(scenario.Time.Start.AddHours(2)); // a couple of simulated hours: stock moved, filters loaded, counters counted
        TcpPort = ((Hpms.Simulators.Endpoints.TcpEndpointHost)Runner.Endpoints.Single(e => e.Id == "tcp")).Port;
        Pty = Runner.Endpoints.Single(e => e.Id == "line").Address;
    }

    public async Task DisposeAsync()
    {
        if (Runner is not null)
        {
            await Runner.DisposeAsync();
        }
    }
}
