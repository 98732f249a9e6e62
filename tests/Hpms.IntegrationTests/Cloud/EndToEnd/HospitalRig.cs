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
using Npgsql;

namespace Hpms.IntegrationTests.Cloud.EndToEnd;

/// <summary>
/// The whole hospital on real parts, shared by the loop and dashboard tests: a scenario served by the simulator
/// (one Modbus TCP endpoint), hpms-edge in its own process polling every scenario device, mosquitto, and the
/// real cloud (ingest, consumers, predictive maintenance, dispatch, API) on PostgreSQL and influxd.
/// Start order: <see cref="StartAsync"/> (simulator and cloud), then <see cref="StartEdgeAsync"/>, so a test can
/// register technicians and subscribe to the wire before the first reading. With <see cref="HospitalRigOptions"/>
/// the edge can be killed and started again on its state, the cloud can run as its own process (killable), the
/// edge's uplink can go through a WAN link the test cuts, and the edge can keep a witness copy of its readings.
/// </summary>
internal sealed class HospitalRig : IAsyncDisposable
{
    /// <summary>The environment variable the edge and the cloud read the broker password from.</summary>
    public const string PasswordVariable = "HPMS_IT_LOOP_MQTT_PASSWORD";

    private readonly CancellationTokenSource _running = new();
    private readonly string _state;
    private readonly Scenario _scenario;
    private readonly HospitalRigOptions _options;
    private readonly InfluxdServer _influxd;
    private Task _simulation = Task.CompletedTask;
    private Process? _edge;
    private readonly Queue<string> _edgeOutput = new();
    private string _edgeConfig = string.Empty;

    private HospitalRig(string state, Scenario scenario, SimulatorRunner simulator, MosquittoBroker broker, InfluxdServer influxd, HospitalRigOptions options)
    {
        _state = state;
        _scenario = scenario;
        _options = options;
        _influxd = influxd;
        Simulator = simulator;
        Broker = broker;
        Wan = options.Wan ? new TcpCutProxy(broker.Port) : null;
        EdgeMetricsUrl = options.EdgeMetrics ? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPort.Free()}/")) : null;
    }

    public SimulatorRunner Simulator { get; }

    public MosquittoBroker Broker { get; }

    public string Password => Broker.Passwords[MosquittoBroker.AdminUser];

    /// <summary>Gets the in-process cloud (null when <see cref="HospitalRigOptions.CloudAsProcess"/>).</summary>
    public CloudApp Cloud { get; private set; } = null!;

    /// <summary>Gets the cloud process (when <see cref="HospitalRigOptions.CloudAsProcess"/>).</summary>
    public CloudProcess? CloudProcess { get; private set; }

    /// <summary>Gets the WAN link between the edge and the broker (when <see cref="HospitalRigOptions.Wan"/>).</summary>
    public TcpCutProxy? Wan { get; }

    /// <summary>Gets the edge's metrics prefix (when <see cref="HospitalRigOptions.EdgeMetrics"/>).</summary>
    public Uri? EdgeMetricsUrl { get; }

    /// <summary>Gets the edge's state folder (its durable buffers: <c>buffer-mqtt</c>, <c>buffer-influx</c>).</summary>
    public string EdgeStateDirectory => Path.Combine(_state, "state");

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Starts the simulator (running for <paramref name="simulateFor"/>) and the cloud on a fresh PostgreSQL database.</summary>
    public static async Task<HospitalRig> StartAsync(
        PostgresServer postgres, MosquittoBroker broker, InfluxdServer influxd, string influxDatabase, string scenarioJson, TimeSpan simulateFor,
        HospitalRigOptions? options = null)
    {
        options ??= new HospitalRigOptions();
        if (!options.CloudAsProcess)
        {
            Environment.SetEnvironmentVariable(PasswordVariable, broker.Passwords[MosquittoBroker.AdminUser]);
        }

        Scenario scenario = ScenarioLoader.Load(scenarioJson, "rig.json", new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") });
        SimulatorRunner sim = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
        var rig = new HospitalRig(Directory.CreateTempSubdirectory("hpms-rig-").FullName, scenario, sim, broker, influxd, options);
        rig._simulation = sim.RunAsync(simulateFor, rig._running.Token);
        rig.ConnectionString = await postgres.CreateDatabaseAsync("rig");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = rig.ConnectionString,
            ["Ingest:Enabled"] = "true",
            ["Ingest:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Ingest:Username"] = MosquittoBroker.AdminUser,
            ["Ingest:PasswordEnv"] = PasswordVariable,
            ["Ingest:ClientId"] = options.CloudClientId,
            ["Influx:Url"] = influxd.Url.ToString().TrimEnd('/'),
            ["Influx:Version"] = "V1",
            ["Influx:Database"] = influxDatabase,
            ["Maintenance:Interval"] = "00:00:02",
            ["Maintenance:Bucket"] = "00:00:01",
            ["Maintenance:History"] = "00:10:00",
            ["WorkOrders:DispatchInterval"] = "00:00:01",
        };
        if (options.CloudAsProcess)
        {
            settings["Serilog:MinimumLevel:Override:Hpms.Cloud.Ingest"] = "Information"; // connects, session present, holding, recovered
            rig.CloudProcess = await CloudProcess.StartAsync(settings, new Dictionary<string, string> { [PasswordVariable] = rig.Password });
        }
        else
        {
            rig.Cloud = await CloudApp.StartAsync(settings);
        }

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

    /// <summary>
    /// Starts hpms-edge (gateway <paramref name="gatewayId"/>) polling every scenario device every 0.5 s, with the given
    /// rules section; a zero <paramref name="gatewayHealthInterval"/> turns the gateway's own health telemetry off.
    /// </summary>
    public async Task StartEdgeAsync(string gatewayId, object rules, TimeSpan gatewayHealthInterval)
    {
        int port = ((TcpEndpointHost)Simulator.Endpoints.Single()).Port;
        _edgeConfig = Path.Combine(_state, "site.json");
        await File.WriteAllTextAsync(_edgeConfig, JsonSerializer.Serialize(new
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
                StateDirectory = EdgeStateDirectory,
                Mqtt = new { Host = "127.0.0.1", Port = Wan?.Port ?? Broker.Port, Username = MosquittoBroker.AdminUser, PasswordEnv = PasswordVariable, Timeout = "00:00:02" },
                InfluxEnabled = _options.EdgeWitnessDatabase is not null,
                Influx = new { Url = _influxd.Url.ToString().TrimEnd('/'), Version = "V1", Database = _options.EdgeWitnessDatabase ?? "unused", Timeout = "00:00:02" },
            },
            GatewayHealth = gatewayHealthInterval > TimeSpan.Zero ? (object)new { Interval = gatewayHealthInterval } : new { Enabled = false },
            Operations = new { MetricsUrl = EdgeMetricsUrl?.ToString() ?? string.Empty },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        RestartEdge();
    }

    /// <summary>Starts hpms-edge (again, after <see cref="KillEdgeAsync"/>) on the same configuration and state folder.</summary>
    public void RestartEdge()
    {
        _edge?.Dispose();
        _edge = EdgeProcess.Start(_edgeConfig, new Dictionary<string, string> { [PasswordVariable] = Password }, KeepEdgeLine);
    }

    /// <summary>Gets the edge's last output lines (warnings and errors; for failure messages).</summary>
    public string EdgeOutput
    {
        get
        {
            lock (_edgeOutput)
            {
                return string.Join('\n', _edgeOutput);
            }
        }
    }

    /// <summary>SIGKILL of the edge process: no shutdown, no flush.</summary>
    public async Task KillEdgeAsync()
    {
        if (_edge is { HasExited: false })
        {
            _edge.Kill(entireProcessTree: true);
            await _edge.WaitForExitAsync();
        }
    }

    /// <summary>The edge's /metrics, or null while it is down (needs <see cref="HospitalRigOptions.EdgeMetrics"/>).</summary>
    public Task<IReadOnlyDictionary<string, double>?> EdgeMetricsAsync() =>
        MetricsScrape.TryReadAsync(new Uri(EdgeMetricsUrl ?? throw new InvalidOperationException("the rig has no edge metrics"), "metrics"));

    /// <summary>The cloud's /metrics, or null while it is down.</summary>
    public Task<IReadOnlyDictionary<string, double>?> CloudMetricsAsync() =>
        MetricsScrape.TryReadAsync(new Uri(CloudProcess?.Address ?? Cloud.Address, "metrics"));

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
        await using DbConnection c = await OpenAsync();
        return await c.ExecuteScalarAsync<long?>(sql) ?? 0;
    }

    public async Task<string?> TextAsync(string sql)
    {
        await using DbConnection c = await OpenAsync();
        return await c.ExecuteScalarAsync<string?>(sql);
    }

    public async Task<string> DumpAsync(string sql)
    {
        await using DbConnection c = await OpenAsync();
        return string.Join("\n", (await c.QueryAsync(sql)).Select(r => string.Join(", ", ((IDictionary<string, object?>)r).Select(kv => $"{kv.Key}={kv.Value}"))));
    }

    private void KeepEdgeLine(string line)
    {
        lock (_edgeOutput)
        {
            _edgeOutput.Enqueue(line);
            while (_edgeOutput.Count > 40)
            {
                _edgeOutput.Dequeue();
            }
        }
    }

    private async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_edge is not null)
        {
            await EdgeProcess.StopAsync(_edge);
        }

        if (Wan is not null)
        {
            await Wan.DisposeAsync();
        }

        if (CloudProcess is not null)
        {
            await CloudProcess.DisposeAsync();
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
