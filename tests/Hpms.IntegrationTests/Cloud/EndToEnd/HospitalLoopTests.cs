using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Ingest;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Cloud.EndToEnd;

/// <summary>
/// The whole loop on real parts: simulated devices (Modbus TCP) → hpms-edge (its own process) → mosquitto →
/// hpms-cloud (ingest, consumers, predictive maintenance, dispatch, API) → PostgreSQL and influxd. A cabinet
/// drains below its reorder point, a fridge door is left open, an AHU filter clogs and is changed; every
/// event is then delivered three more times. Each cause yields its work exactly once.
/// </summary>
[Collection("postgres")]
public sealed class HospitalLoopTests(PostgresFixture postgres, MosquittoFixture mosquitto, InfluxdFixture influxd)
    : IClassFixture<MosquittoFixture>, IClassFixture<InfluxdFixture>
{
    private const double FinalResistancePa = 450;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);

    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task SimulatedHospital_ThroughEdgeAndCloud_YieldsEachOrderAlarmHoldAndWorkOrderOnce()
    {
        MosquittoBroker broker = mosquitto.Broker;
        string password = broker.Passwords[MosquittoBroker.AdminUser];
        Environment.SetEnvironmentVariable("HPMS_IT_LOOP_MQTT_PASSWORD", password);
        string state = Directory.CreateTempSubdirectory("hpms-loop-").FullName;
        string connectionString = await postgres.Server!.CreateDatabaseAsync("loop");
        await using SimulatorRunner sim = await StartSimulatorAsync();
        using var running = new CancellationTokenSource();
        Task simulation = sim.RunAsync(TimeSpan.FromSeconds(150), running.Token);
        await using CloudApp cloud = await CloudApp.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Ingest:Enabled"] = "true",
            ["Ingest:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Username"] = MosquittoBroker.AdminUser,
            ["Ingest:PasswordEnv"] = "HPMS_IT_LOOP_MQTT_PASSWORD",
            ["Ingest:ClientId"] = "cloud-loop",
            ["Influx:Url"] = influxd.Server.Url.ToString().TrimEnd('/'),
            ["Influx:Version"] = "V1",
            ["Influx:Database"] = InfluxdFixture.Database,
            ["Maintenance:Interval"] = "00:00:02",
            ["Maintenance:Bucket"] = "00:00:01",
            ["Maintenance:History"] = "00:10:00",
            ["WorkOrders:DispatchInterval"] = "00:00:01",
        });
        using HttpClient admin = await cloud.ClientAsync(Roles.Admin);
        using HttpClient engineer = await cloud.ClientAsync(Roles.Engineer);
        foreach (object technician in new object[]
        {
            new { id = "tech-hvac", name = "HVAC technician", skills = new[] { "hvac" }, zones = new[] { "plant" } },
            new { id = "tech-fridge", name = "Refrigeration technician", skills = new[] { "refrigeration" }, zones = new[] { "pharmacy" } },
        })
        {
            (await admin.PostAsJsonAsync("api/technicians", technician)).EnsureSuccessStatusCode();
        }

        await using MqttObserver wire = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, password, "hpms/v1/+/+/+/event");
        string config = await WriteEdgeConfigAsync(state, ((TcpEndpointHost)sim.Endpoints.Single()).Port, broker.Port);
        Process edge = EdgeProcess.Start(config, new Dictionary<string, string> { ["HPMS_IT_LOOP_MQTT_PASSWORD"] = password });
        try
        {
            // Cabinet: the bin drains below its reorder point within seconds → one order line.
            await Poll.UntilAsync(async () => await CountAsync(cloud, "SELECT COUNT(*) FROM order_lines WHERE cabinet_id = 'cab-1'") > 0, s_deadline, () => "no order line for cab-1");

            // Fridge: the door is held open past the rule's limit → one alarm, one hold, one work order.
            await Poll.UntilAsync(async () => await CountAsync(cloud, "SELECT COUNT(*) FROM stock_holds WHERE device_id = 'fridge-1'") > 0, s_deadline, () => "no hold for fridge-1");

            // AHU: the predictive job sees the clogging trend and opens a work order before ΔP reaches its limit.
            await Poll.UntilAsync(async () => await CountAsync(cloud, "SELECT COUNT(*) FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'") > 0, s_deadline, () => "no filter work order");
            long filterOrder = await ScalarAsync(cloud, "SELECT id FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'");
            double peakBeforeOrder = await MaxFilterPressureAsync(await ScalarAsync(cloud, "SELECT created_ms FROM work_orders WHERE id = " + filterOrder));
            Assert.InRange(peakBeforeOrder, 1, FinalResistancePa - 1);

            // The technician's side of the loop, through the API: accept, start, resolve (after dispatch assigned it).
            await Poll.UntilAsync(async () => await TextAsync(cloud, "SELECT state FROM work_orders WHERE id = " + filterOrder) == "assigned", s_deadline, () => "the filter work order was not dispatched");
            Assert.Equal("tech-hvac", await TextAsync(cloud, "SELECT assigned_to FROM work_orders WHERE id = " + filterOrder));
            foreach (string action in new[] { "accept", "start", "resolve" })
            {
                using HttpResponseMessage response = await engineer.PostAsJsonAsync($"api/workorders/{filterOrder}/{action}", new { note = "Filter bank replaced" });
                Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            // The simulator fits the clean filter at 01:30 simulated; telemetry then verifies the work order by itself.
            await Poll.UntilAsync(async () => await TextAsync(cloud, "SELECT state FROM work_orders WHERE id = " + filterOrder) == "verified", s_deadline, () => "the filter change did not verify the work order");
            Assert.Equal("system:telemetry", await TextAsync(cloud, $"SELECT actor FROM work_order_transitions WHERE work_order_id = {filterOrder} AND to_state = 'verified'"));

            // Every event again, three times, as a broker redelivering after reconnects would: nothing new.
            var events = wire.All().Where(m => m.Topic.EndsWith("/event", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(events);
            long handledBefore = cloud.Services.GetRequiredService<IngestCounters>().EventsHandled;
            for (int round = 0; round < 3; round++)
            {
                foreach ((string topic, byte[] payload, _) in events)
                {
                    await wire.PublishAsync(topic, payload);
                }
            }

            await Poll.UntilAsync(() => cloud.Services.GetRequiredService<IngestCounters>().EventsDuplicate >= events.Count * 3, s_deadline, () => "the redelivered events were not all seen");
            Assert.Equal(handledBefore, cloud.Services.GetRequiredService<IngestCounters>().EventsHandled);

            Assert.True(1 == await CountAsync(cloud, "SELECT COUNT(*) FROM order_lines WHERE cabinet_id = 'cab-1'"), await DumpAsync(cloud, "SELECT id, item_id, bin, quantity, on_hand, status, close_reason, source_event_id, created_ms, closed_ms FROM order_lines"));
            Assert.Equal(1, await CountAsync(cloud, "SELECT COUNT(*) FROM alarms WHERE device_id = 'fridge-1'"));
            Assert.Equal(1, await CountAsync(cloud, "SELECT COUNT(*) FROM stock_holds WHERE device_id = 'fridge-1'"));
            Assert.Equal(1, await CountAsync(cloud, "SELECT COUNT(*) FROM work_orders WHERE asset_id = 'fridge-1'"));
            Assert.Equal(1, await CountAsync(cloud, "SELECT COUNT(*) FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'"));
            Assert.Equal(0, await CountAsync(cloud, "SELECT COUNT(*) FROM dead_letters"));
            Assert.True(await CountAsync(cloud, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'workorder.%'") >= 5);
        }
        finally
        {
            await EdgeProcess.StopAsync(edge);
            await running.CancelAsync();
            await simulation;
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<string> DumpAsync(CloudApp cloud, string sql)
    {
        await using System.Data.Common.DbConnection c = await cloud.Database.OpenAsync(CancellationToken.None);
        return string.Join("\n", (await c.QueryAsync(sql)).Select(r => string.Join(", ", ((IDictionary<string, object?>)r).Select(kv => $"{kv.Key}={kv.Value}"))));
    }

    private static async Task<long> CountAsync(CloudApp cloud, string sql) => await ScalarAsync(cloud, sql);

    private static async Task<long> ScalarAsync(CloudApp cloud, string sql)
    {
        await using System.Data.Common.DbConnection c = await cloud.Database.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long?>(sql) ?? 0;
    }

    private static async Task<string?> TextAsync(CloudApp cloud, string sql)
    {
        await using System.Data.Common.DbConnection c = await cloud.Database.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<string?>(sql);
    }

    private async Task<double> MaxFilterPressureAsync(long untilUnixMs)
    {
        using JsonDocument answer = await influxd.Server.QueryAsync(
            $"SELECT max(\"filter.differential-pressure\") FROM \"air-handling-unit\" WHERE device = 'ahu-1' AND time <= {untilUnixMs}ms", InfluxdFixture.Database);
        JsonElement result = answer.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("series", out JsonElement series) ? series[0].GetProperty("values")[0][1].GetDouble() : 0;
    }

    private static async Task<SimulatorRunner> StartSimulatorAsync()
    {
        // 120× time: 1 s of wall time is 2 simulated minutes. The filter would reach 450 Pa at 02:00 simulated
        // (60 s); it is changed at 01:30 (45 s), so ΔP never reaches the limit.
        string json = """
            {
              "name": "hospital-loop", "site": "test", "seed": 11,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 120 },
              "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
              "devices": [
                { "id": "cab-1", "class": "smart-supply-cabinet", "endpoint": "tcp", "zone": "ward-3",
                  "settings": { "binCount": 1, "bins": [ { "itemCode": 100001, "par": 40, "reorderPoint": 30, "onHand": 36, "dailyUse": 5000 } ] } },
                { "id": "fridge-1", "class": "cold-chain-fridge", "endpoint": "tcp", "zone": "pharmacy", "settings": { "doorOpeningsPerHour": 0 } },
                { "id": "ahu-1", "class": "air-handling-unit", "endpoint": "tcp", "zone": "plant",
                  "settings": { "finalResistancePa": 450, "cleanFilterPa": 120, "filterAgeHours": 0, "runHours": 1000 } }
              ],
              "events": [
                { "at": "00:00:00", "kind": "filter-clogging", "device": "ahu-1", "parameters": { "reachLimitAfterHours": 2 } },
                { "at": "00:06:00", "kind": "door-open", "device": "fridge-1", "for": "00:20:00" },
                { "at": "01:30:00", "kind": "filter-change", "device": "ahu-1" }
              ]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(json, "loop.json", new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") });
        return await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
    }

    private static async Task<string> WriteEdgeConfigAsync(string state, int simPort, int brokerPort)
    {
        string[] ids = ["cab-1", "fridge-1", "ahu-1"];
        string[] maps = ["smart-supply-cabinet", "cold-chain-fridge", "air-handling-unit"];
        string[] zones = ["ward-3", "pharmacy", "plant"];
        string path = Path.Combine(state, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site = "test",
                Id = "gw-loop",
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                Devices = ids.Select((id, i) => new
                {
                    Id = id, Map = maps[i], Transport = "ModbusTcp", Host = "127.0.0.1", Port = simPort, UnitId = i + 1, PollInterval = "00:00:00.5",
                    Building = "main", Zone = zones[i],
                }),
            },
            Rules = new
            {
                // Wall-time limits for a 120× simulation: the door rule fires after 3 s instead of 5 min.
                DoorsOpen = new[] { new { Id = "fridge.door-open", DeviceClass = "cold-chain-fridge", Channel = "door.open", MaxOpen = "00:00:03" } },
            },
            Uplink = new
            {
                StateDirectory = Path.Combine(state, "state"),
                Mqtt = new { Host = "127.0.0.1", Port = brokerPort, Username = MosquittoBroker.AdminUser, PasswordEnv = "HPMS_IT_LOOP_MQTT_PASSWORD", Timeout = "00:00:02" },
            },
            Operations = new { MetricsUrl = string.Empty },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        return path;
    }
}
