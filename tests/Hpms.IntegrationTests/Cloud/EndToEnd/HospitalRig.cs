using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Cloud.EndToEnd;

/// <summary>
/// The whole hospital on real parts, shared by the loop and dashboard tests: a scenario served by the simulator
/// (one Modbus TCP endpoint), hpms-edge in its own process polling every scenario device, mosquitto, and the
/// real cloud (ingest, consumers, predictive maintenance, dispatch, API) on PostgreSQL and influxd.
/// Start order: <see cref="StartAsync"/> (simulator and cloud), then <see cref="StartEdgeAsync"/>, so a test can
/// register technicians and subscribe to the wire before the first reading.
/// </summary>
internal sealed class HospitalRig : IAsyncDisposable
{
    /// <summary>The environment variable the edge and the cloud read the broker password from.</summary>
    public const string PasswordVariable = "HPMS_IT_LOOP_MQTT_PASSWORD";

    private readonly CancellationTokenSource _running = new();
    private readonly string _state;
    private readonly Scenario _scenario;
    private Task _simulation = Task.CompletedTask;
    private Process? _edge;

    private HospitalRig(string state, Scenario scenario, SimulatorRunner simulator, MosquittoBroker broker)
    {
        _state = state;
        _scenario = scenario;
        Simulator = simulator;
        Broker = broker;
    }

    public SimulatorRunner Simulator { get; }

    public MosquittoBroker Broker { get; }

    public string Password => Broker.Passwords[MosquittoBroker.AdminUser];

    public CloudApp Cloud { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Starts the simulator (running for <paramref name="simulateFor"/>) and the cloud on a fresh PostgreSQL database.</summary>
    public static async Task<HospitalRig> StartAsync(
        PostgresServer postgres, MosquittoBroker broker, InfluxdServer influxd, string influxDatabase, string scenarioJson, TimeSpan simulateFor)
    {
        Environment.SetEnvironmentVariable(PasswordVariable, broker.Passwords[MosquittoBroker.AdminUser]);
        Scenario scenario = ScenarioLoader.Load(scenarioJson, "rig.json", new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") });
        SimulatorRunner sim = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
        var rig = new HospitalRig(Directory.CreateTempSubdirectory("hpms-rig-").FullName, scenario, sim, broker);
        rig._simulation = sim.RunAsync(simulateFor, rig._running.Token);
        rig.ConnectionString = await postgres.CreateDatabaseAsync("rig");
        rig.Cloud = await CloudApp.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = rig.ConnectionString,
            ["Ingest:Enabled"] = "true",
            ["Ingest:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Ingest:Username"] = MosquittoBroker.AdminUser,
            ["Ingest:PasswordEnv"] = PasswordVariable,
            ["Ingest:ClientId"] = "cloud-rig",
            ["Influx:Url"] = influxd.Url.ToString().TrimEnd('/'),
            ["Influx:Version"] = "V1",
            ["Influx:Database"] = influxDatabase,
            ["Maintenance:Interval"] = "00:00:02",
            ["Maintenance:Bucket"] = "00:00:01",
            ["Maintenance:History"] = "00:10:00",
            ["WorkOrders:DispatchInterval"] = "00:00:01",
        });
        return rig;
    }

    /// <summary>Registers technicians through the API (dispatch assigns work by skill and zone).</summary>
    public async Task AddTechniciansAsync(params (string Id, string Skill, string Zone)[] technicians)
    {
        using HttpClient admin = await Cloud.ClientAsync(Roles.Admin);
        foreach ((string id, string skill, string zone) in technicians)
        {
            (await admin.PostAsJsonAsync("api/technicians", new { id, name = id, skills = new[] { skill }, zones = new[] { zone } })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Starts hpms-edge (gateway <paramref name="gatewayId"/>) polling every scenario device every 0.5 s, with the given rules section.</summary>
    public async Task StartEdgeAsync(string gatewayId, object rules, TimeSpan gatewayHealthInterval)
    {
        int port = ((TcpEndpointHost)Simulator.Endpoints.Single()).Port;
        string path = Path.Combine(_state, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site = _scenario.Site,
                Id = gatewayId,
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                Devices = _scenario.Devices.Select(d => new
                {
                    d.Device.Identity.Id,
                    Map = d.Class.MapClass ?? d.Class.Name,
                    Transport = "ModbusTcp",
                    Host = "127.0.0.1",
                    Port = port,
                    UnitId = (int)d.UnitId,
                    PollInterval = "00:00:00.5",
                    Building = string.IsNullOrEmpty(d.Device.Identity.Building) ? "main" : d.Device.Identity.Building,
                    d.Device.Identity.Zone,
                }),
            },
            Rules = rules,
            Uplink = new
            {
                StateDirectory = Path.Combine(_state, "state"),
                Mqtt = new { Host = "127.0.0.1", Port = Broker.Port, Username = MosquittoBroker.AdminUser, PasswordEnv = PasswordVariable, Timeout = "00:00:02" },
            },
            GatewayHealth = new { Interval = gatewayHealthInterval },
            Operations = new { MetricsUrl = string.Empty },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        _edge = EdgeProcess.Start(path, new Dictionary<string, string> { [PasswordVariable] = Password });
    }

    /// <summary>Takes a work order through the technician's actions (accept, start, resolve) over the API.</summary>
    public async Task ActAsync(long workOrderId, params string[] actions)
    {
        using HttpClient engineer = await Cloud.ClientAsync(Roles.Engineer);
        foreach (string action in actions)
        {
            using HttpResponseMessage response = await engineer.PostAsJsonAsync($"api/workorders/{workOrderId}/{action}", new { note = "Done on site" });
            Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using DbConnection c = await Cloud.Database.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long?>(sql) ?? 0;
    }

    public async Task<string?> TextAsync(string sql)
    {
        await using DbConnection c = await Cloud.Database.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<string?>(sql);
    }

    public async Task<string> DumpAsync(string sql)
    {
        await using DbConnection c = await Cloud.Database.OpenAsync(CancellationToken.None);
        return string.Join("\n", (await c.QueryAsync(sql)).Select(r => string.Join(", ", ((IDictionary<string, object?>)r).Select(kv => $"{kv.Key}={kv.Value}"))));
    }

    public async ValueTask DisposeAsync()
    {
        if (_edge is not null)
        {
            await EdgeProcess.StopAsync(_edge);
        }

        await _running.CancelAsync();
        await _simulation;
        if (Cloud is not null)
        {
            await Cloud.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        _running.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
