using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Faults;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Scenarios;
using Hpms.Simulators.Time;
using Microsoft.Extensions.Logging;

namespace Hpms.Simulators.Hosting;

/// <summary>
/// Runs a loaded scenario for real: starts its endpoints (TCP ports, pty lines, MQTT links), ties
/// simulated time to the wall clock and steps the <see cref="Simulation"/> every tick until stopped.
/// </summary>
public sealed class SimulatorRunner : IAsyncDisposable
{
    private readonly Scenario _scenario;
    private readonly IGroundTruth _truth;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly List<IEndpointHost> _hosts = [];
    private readonly List<MqttDeviceLink> _links = [];
    private readonly Lock _step = new();
    private SimulationClock? _clock;
    private Simulation? _simulation;

    private SimulatorRunner(Scenario scenario, IGroundTruth truth, ILoggerFactory loggers)
    {
        _scenario = scenario;
        _truth = truth;
        _loggers = loggers;
        _logger = loggers.CreateLogger("hpms-sim");
    }

    /// <summary>Gets the simulation (after start).</summary>
    public Simulation Simulation => _simulation ?? throw new InvalidOperationException("Not started.");

    /// <summary>Gets the MQTT links of MQTT-native devices.</summary>
    public IReadOnlyList<MqttDeviceLink> MqttLinks => _links;

    /// <summary>Gets the running endpoints.</summary>
    public IReadOnlyList<IEndpointHost> Endpoints => _hosts;

    /// <summary>Gets the scenario being run.</summary>
    public Scenario Scenario => _scenario;

    /// <summary>Gets simulated time now (the scenario start before the run begins).</summary>
    public DateTimeOffset SimulatedNow => _simulation?.Now ?? _scenario.Time.Start;

    /// <summary>Starts every endpoint and the clock.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="truth">Ground truth (the same the devices were built with).</param>
    /// <param name="loggers">Log.</param>
    /// <param name="cancellationToken">Stops start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<SimulatorRunner> StartAsync(Scenario scenario, IGroundTruth truth, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(loggers);
        var runner = new SimulatorRunner(scenario, truth, loggers);
        try
        {
            await runner.StartEndpointsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await runner.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return runner;
    }

    /// <summary>Steps the simulation every tick until cancelled or <paramref name="runFor"/> of wall time has passed.</summary>
    /// <param name="runFor">Wall time to run; null until cancelled.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>A task that ends with the run.</returns>
    public async Task RunAsync(TimeSpan? runFor, CancellationToken cancellationToken)
    {
        SimulationClock clock = _clock!;
        using var timer = new PeriodicTimer(_scenario.Time.Tick);
        using var limit = runFor is TimeSpan span ? new CancellationTokenSource(span) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            while (await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false))
            {
                Step(clock.Now);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Stopped by the caller or by the run limit.
        }

        long requests = _hosts.Sum(h => h.Counters?.Requests ?? 0);
        long faults = _hosts.Sum(h => h.Counters?.FaultsInjected ?? 0);
        SimulatorLog.Stopped(_logger, Simulation.Now.ToString("O", CultureInfo.InvariantCulture), clock.WallElapsed.TotalSeconds, requests, faults);
    }

    /// <summary>Steps the simulation to a simulated time (also used by tests for a bounded, exact run).</summary>
    /// <param name="target">Simulated time to reach.</param>
    public void Step(DateTimeOffset target)
    {
        long started = Stopwatch.GetTimestamp();
        lock (_step)
        {
            Simulation.AdvanceTo(target);
        }

        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (ms > _scenario.Time.Tick.TotalMilliseconds)
        {
            SimulatorLog.SlowStep(_logger, ms, _scenario.Time.Tick.TotalMilliseconds);
        }
    }

    /// <summary>Writes where every endpoint and device can be reached, so a client (edge, test) can find them.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that completes when written.</returns>
    public async Task WriteManifestAsync(string path, CancellationToken cancellationToken)
    {
        SimulatorManifest manifest = SimulatorManifest.From(this);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using FileStream file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, manifest, SimulatorManifest.JsonOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (MqttDeviceLink link in _links)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        _links.Clear();
        foreach (IEndpointHost host in _hosts)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }

        _hosts.Clear();
    }

    private void StartMqttLinks(EndpointSpec spec, CancellationToken cancellationToken)
    {
        int count = 0;
        foreach (ScenarioDevice device in _scenario.Devices.Where(d => d.Endpoint == spec.Id))
        {
            if (device.Device is not IMqttNativeDevice native)
            {
                continue;
            }

            string? variable = spec.PasswordVariableFor(native.DeviceId);
            if (variable is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            {
                // The production broker refuses anonymous devices; without its secret a device stays offline, said loudly.
                SimulatorLog.MqttPasswordMissing(_logger, native.DeviceId, variable);
                continue;
            }

            var options = new MqttLinkOptions(
                spec.Host, spec.Port, native.DeviceId, spec.UsernameFor(native.DeviceId), variable);
            var link = new MqttDeviceLink(native, options, _loggers.CreateLogger<MqttDeviceLink>());
            _links.Add(link);
            link.StartAsync(cancellationToken).GetAwaiter().GetResult();
            count++;
        }

        SimulatorLog.EndpointServing(_logger, spec.Id, spec.Kind.ToString(), count, string.Create(CultureInfo.InvariantCulture, $"{spec.Host}:{spec.Port}"));
    }

    private async Task StartEndpointsAsync(CancellationToken cancellationToken)
    {
        var units = _scenario.Endpoints.ToDictionary(e => e.Id, _ => new ModbusUnits(), StringComparer.Ordinal);
        var places = new Dictionary<string, (string Endpoint, byte Unit)>(StringComparer.Ordinal);
        foreach (ScenarioDevice device in _scenario.Devices)
        {
            places[device.Device.Identity.Id] = (device.Endpoint, device.UnitId);
            if (device.Registers is not null)
            {
                units[device.Endpoint].Add(device.UnitId, device.Registers);
                string id = device.Device.Identity.Id;
                device.Registers.ValueChanged += (point, value) => _truth.Value(id, point.Name, value, SimulatedNow);
            }
        }

        var hostsById = new Dictionary<string, IEndpointHost>(StringComparer.Ordinal);
        foreach (EndpointSpec spec in _scenario.Endpoints)
        {
            IEndpointHost? host = spec.Kind switch
            {
                EndpointKind.ModbusTcp or EndpointKind.RtuOverTcp => new TcpEndpointHost(spec, units[spec.Id], _truth, _logger),
                EndpointKind.ModbusRtu => new SerialEndpointHost(spec, units[spec.Id], _truth, _logger),
                _ => null,
            };
            if (host is null)
            {
                StartMqttLinks(spec, cancellationToken);
                continue;
            }

            _hosts.Add(host);
            hostsById[spec.Id] = host;
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            int count = _scenario.Devices.Count(d => d.Endpoint == spec.Id);
            SimulatorLog.EndpointServing(_logger, spec.Id, spec.Kind.ToString(), count, host.Address);
        }

        _simulation = new Simulation(_scenario, new WireFaults(hostsById, places), _truth);
        _clock = new SimulationClock(_scenario.Time.Start, _scenario.Time.Speed);
        SimulatorLog.ScenarioStarting(
            _logger, _scenario.Name, _scenario.Devices.Count, _scenario.Endpoints.Count, _scenario.Events.Count, _scenario.Time.Speed, _scenario.Time.Start.ToString("O", CultureInfo.InvariantCulture));
    }
}
