using System.Diagnostics;
using System.Text.Json;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Edge;

/// <summary>
/// With the WAN to the broker cut, a fridge's door is left open in the simulator: the gateway raises the
/// high-temperature alarm locally, starting at the first reading above 8 °C, and the alarm reaches the
/// cloud only when the link returns — with that same start time.
/// </summary>
public sealed class EdgeOfflineAlarmTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [PeerFact(PeerTool.Mosquitto)]
    public async Task FridgeExcursionDuringOutage_RaisedLocally_DeliveredWhenLinkReturns()
    {
        MosquittoBroker broker = fixture.Broker;
        string state = Directory.CreateTempSubdirectory("hpms-edge-offline-").FullName;
        await using SimulatorRunner sim = await StartSimulatorAsync();
        using var running = new CancellationTokenSource();
        Task simulation = sim.RunAsync(TimeSpan.FromSeconds(50), running.Token);
        await using var wan = new TcpCutProxy(broker.Port);
        wan.SetDown(true); // the WAN is down from the start
        await using MqttObserver cloud = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, broker.Passwords[MosquittoBroker.AdminUser], "hpms/v1/#");
        string config = await WriteConfigAsync(state, ((TcpEndpointHost)sim.Endpoints.Single()).Port, wan.Port);
        Process edge = EdgeProcess.Start(config, new Dictionary<string, string> { ["HPMS_IT_EDGE_PASSWORD"] = broker.Passwords[MosquittoBroker.AdminUser] });
        try
        {
            // The door opens 1 simulated minute in (0.2 s wall) for 20 minutes (4 s wall); give the alarm time to fire offline.
            string buffer = Path.Combine(state, "state", "buffer-mqtt");
            await Poll.UntilAsync(() => Directory.Exists(buffer) || edge.HasExited, s_deadline, () => "the gateway did not start its buffers");
            await Task.Delay(TimeSpan.FromSeconds(8));
            Assert.False(edge.HasExited);
            Assert.Empty(cloud.All()); // nothing crossed the cut link

            wan.SetDown(false);
            await Poll.UntilAsync(() => HighAlarms(cloud).Any(e => e.State == EventState.Active), s_deadline, () => "the alarm never arrived");

            DeviceEvent alarm = HighAlarms(cloud).First(e => e.State == EventState.Active);

            // Events drain before telemetry; the buffered readings follow in order.
            await Poll.UntilAsync(() => Readings(cloud).Any(r => r.Time >= alarm.StartedUnixMs), s_deadline, () => "the buffered readings did not follow");
            List<(long Time, double Temperature)> readings = Readings(cloud);
            long firstAbove = readings.First(r => r.Temperature > 8).Time;
            Assert.Equal(firstAbove, alarm.StartedUnixMs); // the alarm starts at the reading that crossed, not at delivery
            Assert.True(alarm.Values["value"] > 8);
            Assert.Equal(EventSeverity.Critical, alarm.Severity);
        }
        finally
        {
            await EdgeProcess.StopAsync(edge);
            await running.CancelAsync();
            await simulation;
            Directory.Delete(state, recursive: true);
        }
    }

    private static List<(long Time, double Temperature)> Readings(MqttObserver cloud) =>
        [.. cloud.All()
            .Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            .Select(m => EnvelopeCodec.ParseTelemetry(m.Payload).Value!)
            .Select(b => (b.Points[0].TimestampUnixMs, b.Points.Single(p => p.Channel == "temperature").Value))
            .OrderBy(r => r.TimestampUnixMs)];

    private static List<DeviceEvent> HighAlarms(MqttObserver cloud) =>
        [.. cloud.All().Where(m => m.Topic.EndsWith("/event", StringComparison.Ordinal))
            .Select(m => EnvelopeCodec.ParseEvent(m.Payload)).Where(r => r.IsOk).Select(r => r.Value!)
            .Where(e => e.Kind.Contains("fridge.temperature.high", StringComparison.Ordinal))];

    private static async Task<SimulatorRunner> StartSimulatorAsync()
    {
        string json = """
            {
              "name": "offline-alarm", "site": "test", "seed": 9,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 300, "tickMilliseconds": 50 },
              "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
              "devices": [{ "id": "fridge-1", "class": "cold-chain-fridge", "endpoint": "tcp", "settings": { "doorOpeningsPerHour": 0 } }],
              "events": [{ "at": "00:01:00", "kind": "door-open", "device": "fridge-1", "for": "00:20:00" }]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(json, "offline.json", new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") });
        return await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
    }

    private static async Task<string> WriteConfigAsync(string state, int simPort, int brokerPort)
    {
        string path = Path.Combine(state, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site = "test",
                Id = "gw-offline",
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                Devices = new[] { new { Id = "fridge-1", Map = "cold-chain-fridge", Transport = "ModbusTcp", Host = "127.0.0.1", Port = simPort, UnitId = 1, PollInterval = "00:00:00.2" } },
            },
            Rules = new
            {
                // The site's override: the 15-minute delay of the default rule becomes 1 s, so the test runs in wall time.
                Thresholds = new[]
                {
                    new
                    {
                        Id = "fridge.temperature.high", DeviceClass = "cold-chain-fridge", Channel = "temperature", Direction = "Above",
                        Limit = 8.0, OnDelay = "00:00:01", Hysteresis = 0.5, Severity = "Critical",
                    },
                },
            },
            Uplink = new
            {
                StateDirectory = Path.Combine(state, "state"),
                Mqtt = new { Host = "127.0.0.1", Port = brokerPort, Username = MosquittoBroker.AdminUser, PasswordEnv = "HPMS_IT_EDGE_PASSWORD", Timeout = "00:00:02" },
            },
            Operations = new { MetricsUrl = string.Empty },
            GatewayHealth = new { Enabled = false }, // these tests read every telemetry message as a device's
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        return path;
    }
}
