using System.Diagnostics;
using System.Text.Json;
using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Edge;

/// <summary>
/// hpms-edge as its own process, reading simulated devices and publishing to a real mosquitto through a
/// WAN link the test cuts: while the link is down readings queue on disk; the gateway is killed with
/// SIGKILL mid-outage and started again; when the link returns every reading of the first run arrives —
/// telemetry batch sequences contiguous, nothing lost — and every local event arrives.
/// </summary>
public sealed class EdgeStoreAndForwardTests(MosquittoFixture fixture, InfluxdFixture influxd, ITestOutputHelper output)
    : IClassFixture<MosquittoFixture>, IClassFixture<InfluxdFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd)]
    public async Task WanDownAndKill9_NoAcknowledgedReadingLost_InMqttAndInfluxDb_EventsDelivered()
    {
        MosquittoBroker broker = fixture.Broker;
        string state = Directory.CreateTempSubdirectory("hpms-edge-state-").FullName;
        await using SimulatorRunner sim = await StartSimulatorAsync();
        int simPort = ((TcpEndpointHost)sim.Endpoints.Single()).Port;
        await using var wan = new TcpCutProxy(broker.Port);
        await using var wanToInflux = new TcpCutProxy(influxd.Server.Port);
        await using MqttObserver cloud = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, broker.Passwords[MosquittoBroker.AdminUser], "hpms/v1/#");
        string config = await WriteConfigAsync(state, simPort, wan.Port, wanToInflux.Port);

        int beforeOutage;
        Process first = StartEdge(config, broker);
        try
        {
            await Poll.UntilAsync(() => Telemetry(cloud).Count >= 20, s_deadline, () => $"telemetry so far: {Telemetry(cloud).Count}; {Output(first)}");
            wan.SetDown(true);
            wanToInflux.SetDown(true);
            beforeOutage = Telemetry(cloud).Count;
            await Task.Delay(TimeSpan.FromSeconds(3)); // ~60 readings queue on disk
            first.Kill(entireProcessTree: true);       // SIGKILL: no shutdown, no flush
            await first.WaitForExitAsync();
            Assert.InRange(Telemetry(cloud).Count - beforeOutage, 0, 25); // little got through the cut link
        }
        finally
        {
            first.Dispose();
        }

        Process second = StartEdge(config, broker);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2)); // still down: the restarted gateway buffers too
            wan.SetDown(false);
            wanToInflux.SetDown(false);

            // Readings of the first run: one sequence base per process start, so they sort below the second run's.
            long secondBase = DateTimeOffset.UtcNow.AddSeconds(-3).ToUnixTimeMilliseconds() * 1000;
            await Poll.UntilAsync(
                () => FirstRunContiguous(cloud, secondBase).Contiguous && Telemetry(cloud).Any(t => t.Sequence > secondBase),
                s_deadline,
                () => $"first run {FirstRunContiguous(cloud, secondBase)}; {Output(second)}");

            (bool contiguous, int unique, int duplicates) = FirstRunContiguous(cloud, secondBase);
            output.WriteLine($"first run: {unique} readings delivered, contiguous, {duplicates} re-deliveries; events: {cloud.All().Count(m => m.Topic.EndsWith("/event", StringComparison.Ordinal))}");
            Assert.True(contiguous);
            Assert.True(unique >= beforeOutage + 10, $"first run delivered {unique} readings, {beforeOutage} before the cut: the buffered ones are missing");
            Assert.True(duplicates <= 5 * 200, $"{duplicates} re-deliveries");

            // InfluxDB holds exactly the first run's readings the cloud saw: one row per device and poll,
            // none lost, replays folded by InfluxDB's own series+time identity.
            HashSet<(string Device, long Time)> viaMqtt = [.. Telemetry(cloud).Where(t => t.Sequence < secondBase).Select(t => (t.Device.DeviceId, t.Points[0].TimestampUnixMs))];
            long lastFirstRun = viaMqtt.Max(r => r.Time);
            HashSet<(string, long)> inInflux = [];
            await Poll.UntilAsync(
                async () =>
                {
                    inInflux = await InfluxRowsAsync(lastFirstRun);
                    return inInflux.IsSupersetOf(viaMqtt);
                },
                s_deadline,
                () => $"influx rows {inInflux.Count}, cloud readings {viaMqtt.Count}");
            output.WriteLine($"InfluxDB: {inInflux.Count} rows for the first run's {viaMqtt.Count} readings");
            Assert.Equal(viaMqtt, inInflux);

            // Local events (stock below reorder point on the cabinet) reached the cloud too.
            List<DeviceEvent> events = [.. cloud.All().Where(m => m.Topic.EndsWith("/event", StringComparison.Ordinal))
                .Select(m => EnvelopeCodec.ParseEvent(m.Payload)).Where(r => r.IsOk).Select(r => r.Value!)];
            Assert.NotEmpty(events);
            Assert.All(events, e => Assert.Equal(32, e.Id.Length));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
            second.Dispose();
            Directory.Delete(state, recursive: true);
        }
    }

    private static List<TelemetryBatch> Telemetry(MqttObserver cloud) =>
        [.. cloud.All().Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            .Select(m => EnvelopeCodec.ParseTelemetry(m.Payload)).Where(r => r.IsOk).Select(r => r.Value!)];

    private static (bool Contiguous, int Unique, int Duplicates) FirstRunContiguous(MqttObserver cloud, long secondBase)
    {
        List<long> sequences = [.. Telemetry(cloud).Select(t => t.Sequence).Where(s => s < secondBase)];
        if (sequences.Count == 0)
        {
            return (false, 0, 0);
        }

        HashSet<long> unique = [.. sequences];
        long min = unique.Min();
        long max = unique.Max();
        return (max - min + 1 == unique.Count, unique.Count, sequences.Count - unique.Count);
    }

    private async Task<HashSet<(string Device, long Time)>> InfluxRowsAsync(long untilUnixMs)
    {
        HashSet<(string, long)> rows = [];
        foreach (string measurement in new[] { "cold-chain-fridge", "medical-gas-panel", "smart-supply-cabinet" })
        {
            using JsonDocument answer = await influxd.Server.QueryAsync(
                $"SELECT * FROM \"{measurement}\" WHERE time <= {untilUnixMs}ms", InfluxdFixture.Database);
            JsonElement result = answer.RootElement.GetProperty("results")[0];
            if (!result.TryGetProperty("series", out JsonElement series))
            {
                continue;
            }

            foreach (JsonElement s in series.EnumerateArray())
            {
                string[] columns = [.. s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];
                int time = Array.IndexOf(columns, "time");
                int device = Array.IndexOf(columns, "device");
                foreach (JsonElement row in s.GetProperty("values").EnumerateArray())
                {
                    rows.Add((row[device].GetString()!, row[time].GetInt64()));
                }
            }
        }

        return rows;
    }

    private static string Output(Process process) => process.HasExited ? $"edge exited {process.ExitCode}" : "edge running";

    private static async Task<SimulatorRunner> StartSimulatorAsync()
    {
        string json = """
            {
              "name": "store-and-forward", "site": "test", "seed": 5,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 60 },
              "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
              "devices": [
                { "id": "fridge-1", "class": "cold-chain-fridge", "endpoint": "tcp" },
                { "id": "fridge-2", "class": "cold-chain-fridge", "endpoint": "tcp" },
                { "id": "gas-1", "class": "medical-gas-panel", "endpoint": "tcp" },
                { "id": "cab-1", "class": "smart-supply-cabinet", "endpoint": "tcp",
                  "settings": { "bins": [ { "itemCode": 100001, "par": 40, "reorderPoint": 30, "onHand": 10, "dailyUse": 0 } ] } }
              ]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(json, "saf.json", new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") });
        SimulatorRunner runner = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
        runner.Step(scenario.Time.Start.AddMinutes(5));
        return runner;
    }

    private static async Task<string> WriteConfigAsync(string state, int simPort, int brokerPort, int influxPort)
    {
        string[] ids = ["fridge-1", "fridge-2", "gas-1", "cab-1"];
        string[] maps = ["cold-chain-fridge", "cold-chain-fridge", "medical-gas-panel", "smart-supply-cabinet"];
        string path = Path.Combine(state, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site = "test",
                Id = "gw-saf",
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                Devices = ids.Select((id, i) => new
                {
                    Id = id, Map = maps[i], Transport = "ModbusTcp", Host = "127.0.0.1", Port = simPort, UnitId = i + 1, PollInterval = "00:00:00.2",
                }),
            },
            Uplink = new
            {
                StateDirectory = Path.Combine(state, "state"),
                Mqtt = new { Host = "127.0.0.1", Port = brokerPort, Username = MosquittoBroker.AdminUser, PasswordEnv = "HPMS_IT_EDGE_PASSWORD", Timeout = "00:00:02" },
                InfluxEnabled = true,
                Influx = new { Url = $"http://127.0.0.1:{influxPort}", Version = "V1", Database = InfluxdFixture.Database, Timeout = "00:00:02" },
            },
            Operations = new { MetricsUrl = string.Empty },
            GatewayHealth = new { Enabled = false }, // these tests read every telemetry message as a device's
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        return path;
    }

    private static Process StartEdge(string config, MosquittoBroker broker) =>
        EdgeProcess.Start(config, new Dictionary<string, string> { ["HPMS_IT_EDGE_PASSWORD"] = broker.Passwords[MosquittoBroker.AdminUser] });
}
