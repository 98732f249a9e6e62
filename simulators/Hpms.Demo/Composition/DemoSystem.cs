using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Hpms.Cloud.Hosting;
using Hpms.Cloud.Ingest;
using Hpms.Demo.Broker;
using Hpms.Demo.Summary;
using Hpms.Edge.Hosting;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Hpms.Demo.Composition;

/// <summary>
/// The whole system in one process, started in dependency order and stopped in reverse: the broker, the
/// simulated hospital, the cloud (SQLite; InfluxDB or the embedded store), then the gateway that polls the
/// simulators and publishes to the broker. Each part is the product's own composition (<c>CloudApplication</c>,
/// <c>EdgeApplication</c>, <c>SimulatorRunner</c>) configured the production way: files, options, secrets in
/// environment variables and files.
/// </summary>
public sealed partial class DemoSystem : IAsyncDisposable
{
    private const string CloudUser = "hpms-cloud";
    private readonly DemoCommandLine _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly CancellationTokenSource _simulationStop = new();
    private DemoBroker? _broker;
    private SimulatorRunner? _simulator;
    private Task _simulation = Task.CompletedTask;
    private WebApplication? _cloud;
    private IHost? _edge;

    /// <summary>Creates the system (nothing started).</summary>
    /// <param name="options">Flags.</param>
    /// <param name="state">The state directory (exists).</param>
    /// <param name="loggers">Log of the demo and the simulator.</param>
    public DemoSystem(DemoCommandLine options, string state, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options;
        State = state;
        _loggers = loggers;
        _logger = loggers.CreateLogger("hpms-demo");
    }

    /// <summary>Gets the state directory.</summary>
    public string State { get; }

    /// <summary>Gets the cloud's base URL.</summary>
    public string CloudUrl { get; private set; } = string.Empty;

    /// <summary>Gets the broker's port.</summary>
    public int BrokerPort => _broker?.Port ?? 0;

    /// <summary>Gets the edge's metrics URL.</summary>
    public string EdgeMetricsUrl { get; private set; } = string.Empty;

    /// <summary>Gets the credentials file.</summary>
    public string CredentialsFile { get; private set; } = string.Empty;

    /// <summary>Gets the edge configuration file the demo wrote.</summary>
    public string EdgeConfigFile => Path.Combine(State, "edge", "gateway.json");

    /// <summary>Gets the log directory.</summary>
    public string LogDirectory => Path.Combine(State, "logs");

    /// <summary>Gets whether RS-485 lines run as RTU over TCP because socat is missing.</summary>
    public bool SerialAsTcp { get; private set; }

    /// <summary>Gets the simulator (after start).</summary>
    public SimulatorRunner Simulator => _simulator ?? throw new InvalidOperationException("Not started.");

    /// <summary>Gets the cloud's services (after start).</summary>
    public IServiceProvider CloudServices => _cloud?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>Starts every part.</summary>
    /// <param name="cancellationToken">Stops start-up.</param>
    /// <returns>A task that ends when everything runs.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secrets = new DemoSecrets();
        int brokerPort = _options.MqttPort != 0 && FreePort.IsFree(_options.MqttPort) ? _options.MqttPort : FreePort.Pick();
        int httpPort = _options.HttpPort != 0 && FreePort.IsFree(_options.HttpPort) ? _options.HttpPort : FreePort.Pick();
        CloudUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}");
        EdgeMetricsUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Pick()}/");
        CredentialsFile = await secrets.WriteAsync(Path.Combine(State, "secrets"), CloudUrl + "/", cancellationToken).ConfigureAwait(false);

        SerialAsTcp = !DemoScenario.SocatInstalled();
        Scenario scenario = DemoScenario.Load(_options.Scenario, _options.Speed, Path.Combine(State, "serial"), brokerPort, !SerialAsTcp, NullGroundTruth.Instance);
        _broker = await DemoBroker.StartAsync(brokerPort, BrokerUsers(scenario, secrets), _loggers.CreateLogger<DemoBroker>()).ConfigureAwait(false);

        _simulator = await SimulatorRunner.StartAsync(scenario, NullGroundTruth.Instance, _loggers, cancellationToken).ConfigureAwait(false);
        _simulation = _simulator.RunAsync(null, _simulationStop.Token);

        _cloud = CloudApplication.Build([.. CloudArguments(httpPort, brokerPort)]);
        await _cloud.StartAsync(cancellationToken).ConfigureAwait(false);
        await AddPeopleAsync(secrets, cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(Path.GetDirectoryName(EdgeConfigFile)!);
        var edgeSettings = new EdgeDemoSettings(
            brokerPort, _options.PollInterval, Path.Combine(State, "edge"), LogDirectory, Path.Combine(AppContext.BaseDirectory, "devices"), EdgeMetricsUrl);
        await EdgeConfigWriter.WriteAsync(EdgeConfigFile, SimulatorManifest.From(_simulator), edgeSettings, cancellationToken).ConfigureAwait(false);
        _edge = EdgeApplication.CreateBuilder(EdgeCommandLine.Parse(["--config", EdgeConfigFile, "--contentRoot", Path.Combine(State, "edge")])).Build();
        await _edge.StartAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(_logger, CloudUrl, brokerPort, scenario.Devices.Count);
    }

    /// <summary>Waits for the data in flight to reach the cloud, then reads the figures.</summary>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The summary.</returns>
    public async Task<DemoSummary> SummarizeAsync(CancellationToken cancellationToken)
    {
        // The gateway may still hold a few batches in its buffer: wait (bounded) until the cloud's intake is quiet.
        IngestCounters counters = CloudServices.GetRequiredService<IngestCounters>();
        long seen = -1;
        for (int i = 0; i < 20 && counters.Telemetry + counters.Events != seen; i++)
        {
            seen = counters.Telemetry + counters.Events;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }

        return await SummaryCollector.CollectAsync(CloudServices, Simulator, _broker!, _wall.Elapsed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the simulation and the gateway (so the last readings can still arrive), leaving the cloud up.</summary>
    /// <returns>A task.</returns>
    public async Task StopSourcesAsync()
    {
        await _simulationStop.CancelAsync().ConfigureAwait(false);
        await _simulation.ConfigureAwait(false);
        if (_edge is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _edge.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopSourcesAsync().ConfigureAwait(false);
        _edge?.Dispose();
        if (_cloud is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _cloud.StopAsync(timeout.Token).ConfigureAwait(false);
            await _cloud.DisposeAsync().ConfigureAwait(false);
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync().ConfigureAwait(false);
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }

        _simulationStop.Dispose();
    }

    private static IEnumerable<BrokerUser> BrokerUsers(Scenario scenario, DemoSecrets secrets)
    {
        yield return new BrokerUser(CloudUser, secrets.CloudMqttPassword, null);
        yield return new BrokerUser(
            EdgeConfigWriter.GatewayId,
            secrets.EdgeMqttPassword,
            [$"hpms/v1/{scenario.Site}/{EdgeConfigWriter.GatewayId}/", "devices/"]);
        foreach (EndpointSpec broker in scenario.Endpoints.Where(e => e.Kind == EndpointKind.Mqtt))
        {
            foreach (ScenarioDevice device in scenario.Devices.Where(d => d.Endpoint == broker.Id))
            {
                string id = device.Device.Identity.Id;
                if (broker.UsernameFor(id) is { } user && broker.PasswordVariableFor(id) is { } variable)
                {
                    yield return new BrokerUser(user, DemoSecrets.DevicePassword(variable), [$"devices/{id}/"]);
                }
            }
        }
    }

    private List<string> CloudArguments(int httpPort, int brokerPort)
    {
        string cloud = Path.Combine(State, "cloud");
        Directory.CreateDirectory(cloud);
        var args = new List<string>
        {
            "--contentRoot", cloud,
            "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"),
            "--Database:Provider=Sqlite",
            $"--Database:ConnectionString=Data Source={Path.Combine(cloud, "hpms-cloud.db")}",
            "--Ingest:Enabled=true",
            "--Ingest:Host=127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"--Ingest:Port={brokerPort}"),
            $"--Ingest:Username={CloudUser}",
            $"--Ingest:PasswordEnv={DemoSecrets.CloudMqttVariable}",
            "--Ingest:ClientId=hpms-cloud-demo",
            "--Ingest:SharedGroup=", // one instance, and the in-process broker has no shared subscriptions
            $"--Ingest:StateDirectory={Path.Combine(cloud, "ingest")}",
            "--Commands:Host=127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"--Commands:Port={brokerPort}"),
            $"--Commands:Username={CloudUser}",
            $"--Commands:PasswordEnv={DemoSecrets.CloudMqttVariable}",
            "--Commands:ClientId=hpms-cloud-demo-cmd",
            $"--Commands:Keys:{EdgeConfigWriter.GatewayId}:KeyEnv={DemoSecrets.CommandKeyVariable}",
            "--Serilog:WriteTo:0:Name=File",
            $"--Serilog:WriteTo:0:Args:path={Path.Combine(LogDirectory, "cloud-.log")}",
            "--Serilog:WriteTo:0:Args:rollingInterval=Day",
            "--Serilog:MinimumLevel:Default=Information",
            "--Serilog:MinimumLevel:Override:Microsoft.AspNetCore=Warning",
        };
        // Users linked to a technician are added through the API once the technicians exist (AddPeopleAsync).
        int seeded = 0;
        foreach ((string name, string role, string? technician) in DemoSecrets.Users.Where(u => u.TechnicianId is null))
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--Auth:Users:{seeded}:Name={name}"));
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--Auth:Users:{seeded}:Roles:0={role}"));
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--Auth:Users:{seeded}:PasswordFile={DemoSecrets.PasswordFile(Path.Combine(State, "secrets"), name)}"));
            seeded++;
        }

        if (_options.InfluxUrl is { } influx)
        {
            args.Add($"--Influx:Url={influx}");
            args.Add("--Influx:Version=V1");
            args.Add($"--Influx:Database={_options.InfluxDatabase}");
        }

        return args;
    }

    // Through the API, as an administrator would: technicians with each skill the dispatcher needs, and their sign-ins.
    private async Task AddPeopleAsync(DemoSecrets secrets, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(CloudUrl + "/") };
        using HttpResponseMessage signIn = await http.PostAsJsonAsync("api/auth/token", new { userName = "admin", password = secrets.PasswordOf("admin") }, cancellationToken).ConfigureAwait(false);
        signIn.EnsureSuccessStatusCode();
        TokenAnswer token = await signIn.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The cloud answered the sign-in without a token.");
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        foreach (object technician in new object[]
        {
            new { id = "tech-hvac", name = "Li Wei (HVAC)", skills = new[] { "hvac" }, zones = Array.Empty<string>() },
            new { id = "tech-refrigeration", name = "Wang Fang (refrigeration)", skills = new[] { "refrigeration" }, zones = Array.Empty<string>() },
            new { id = "tech-gas", name = "Zhang Min (medical gas)", skills = new[] { "medical-gas" }, zones = Array.Empty<string>() },
        })
        {
            using HttpResponseMessage saved = await http.PostAsJsonAsync("api/technicians", technician, cancellationToken).ConfigureAwait(false);
            saved.EnsureSuccessStatusCode();
        }

        foreach ((string name, string role, string? technician) in DemoSecrets.Users.Where(u => u.TechnicianId is not null))
        {
            using HttpResponseMessage added = await http.PostAsJsonAsync(
                "api/users", new { name, password = secrets.PasswordOf(name), roles = new[] { role }, technicianId = technician }, cancellationToken).ConfigureAwait(false);
            added.EnsureSuccessStatusCode();
        }
    }

    private sealed record TokenAnswer(string AccessToken);

    [LoggerMessage(1, LogLevel.Information, "Demo running: cloud {Url}, broker 127.0.0.1:{Port}, {Devices} simulated devices")]
    private static partial void LogStarted(ILogger logger, string url, int port, int devices);
}
