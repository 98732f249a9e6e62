using System.Globalization;
using System.Net;
using Hpms.Protocols.Transports.Modbus.Server;
using Hpms.Simulators.Faults;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging;

namespace Hpms.Simulators.Endpoints;

/// <summary>
/// A Modbus TCP (or RTU-over-TCP) endpoint: one listening port with many unit ids behind it, as a
/// Modbus gateway in a plant room. Vanishing closes the port and drops every client; coming back
/// listens again on the same port.
/// </summary>
public sealed class TcpEndpointHost : IEndpointHost
{
    private readonly EndpointSpec _spec;
    private readonly ModbusUnits _units;
    private readonly RecordingFaultInjector _faults;
    private readonly ModbusServerOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ModbusTcpServer? _server;
    private int _port;

    /// <summary>Creates the endpoint (not yet listening).</summary>
    /// <param name="spec">The endpoint from the scenario.</param>
    /// <param name="units">Its devices by unit id.</param>
    /// <param name="truth">Where injected faults are recorded.</param>
    /// <param name="logger">Log.</param>
    public TcpEndpointHost(EndpointSpec spec, ModbusUnits units, IGroundTruth truth, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _units = units;
        _logger = logger;
        _faults = new RecordingFaultInjector(spec.Id, truth);
        _options = new ModbusServerOptions { MaxConnections = 64, BaudRate = spec.BaudRate };
        _port = spec.Port;
    }

    /// <inheritdoc/>
    public string Id => _spec.Id;

    /// <inheritdoc/>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"{_spec.Host}:{_port}");

    /// <summary>Gets the port actually bound (after start).</summary>
    public int Port => _port;

    /// <inheritdoc/>
    public ModbusServerCounters? Counters => _server?.Counters;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Listen();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void SetFault(byte? unitId, ModbusFault fault, int? count) => _faults.Faults.Set(unitId, fault, count);

    /// <inheritdoc/>
    public void ClearFault(byte? unitId) => _faults.Faults.Clear(unitId);

    /// <inheritdoc/>
    public async Task SetVanishedAsync(bool gone, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (gone && _server is not null)
            {
                await _server.DisposeAsync().ConfigureAwait(false);
                _server = null;
                SimulatorLog.EndpointVanished(_logger, _spec.Id, Address);
            }
            else if (!gone && _server is null)
            {
                Listen();
                SimulatorLog.EndpointBack(_logger, _spec.Id, Address);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        _gate.Dispose();
    }

    private void Listen()
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(_spec.Host), _port);
        ModbusTcpFraming framing = _spec.Kind == EndpointKind.RtuOverTcp ? ModbusTcpFraming.RtuOverTcp : ModbusTcpFraming.Mbap;
        _server = new ModbusTcpServer(endpoint, _units.Find, _options, _faults, framing, _logger);
        _server.Start();
        _port = _server.LocalEndPoint.Port;
    }
}
