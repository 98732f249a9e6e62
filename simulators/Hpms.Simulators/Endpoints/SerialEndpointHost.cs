using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus.Server;
using Hpms.Simulators.Faults;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging;

namespace Hpms.Simulators.Endpoints;

/// <summary>
/// A Modbus RTU line: every device on it is a unit id on one RS-485 bus. A simulated line is a socat
/// pty pair (clients open <see cref="EndpointSpec.Pty"/>, the simulator the <c>.sim</c> end); a real
/// line is a serial port. With <see cref="EndpointSpec.Paced"/> replies take a real line's wire time.
/// Vanishing silences every unit on the line (a bus cannot close).
/// </summary>
public sealed class SerialEndpointHost : IEndpointHost
{
    private readonly EndpointSpec _spec;
    private readonly RecordingFaultInjector _faults;
    private readonly ModbusRtuServer _server;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private PtyPair? _pty;
    private IByteChannel? _channel;
    private Task _serving = Task.CompletedTask;

    /// <summary>Creates the line (not yet open).</summary>
    /// <param name="spec">The endpoint from the scenario.</param>
    /// <param name="units">Its devices by unit id.</param>
    /// <param name="truth">Where injected faults are recorded.</param>
    /// <param name="logger">Log.</param>
    public SerialEndpointHost(EndpointSpec spec, ModbusUnits units, IGroundTruth truth, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(units);
        _spec = spec;
        _logger = logger;
        _faults = new RecordingFaultInjector(spec.Id, truth);
        var options = new ModbusServerOptions { BaudRate = spec.BaudRate, SimulatedBaudRate = spec.Paced ? spec.BaudRate : null };
        _server = new ModbusRtuServer(units.Find, options, _faults, logger);
    }

    /// <inheritdoc/>
    public string Id => _spec.Id;

    /// <inheritdoc/>
    public string Address => _spec.Pty ?? _spec.SerialPort ?? string.Empty;

    /// <inheritdoc/>
    public ModbusServerCounters? Counters => _server.Counters;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string port = _spec.SerialPort ?? _spec.Pty + ".sim";
        if (_spec.Pty is not null)
        {
            _pty = await PtyPair.StartAsync(port, _spec.Pty, cancellationToken).ConfigureAwait(false);
        }

        var line = new SerialLineOptions
        {
            PortName = port,
            BaudRate = _spec.BaudRate,
            Parity = _spec.Parity,
            StopBits = _spec.StopBits,
        };
        _channel = SerialByteChannelFactory.Create(line);
        await _channel.OpenAsync(cancellationToken).ConfigureAwait(false);
        _serving = ServeAsync(_channel, _stop.Token);
    }

    /// <inheritdoc/>
    public void SetFault(byte? unitId, ModbusFault fault, int? count) => _faults.Faults.Set(unitId, fault, count);

    /// <inheritdoc/>
    public void ClearFault(byte? unitId) => _faults.Faults.Clear(unitId);

    /// <inheritdoc/>
    public Task SetVanishedAsync(bool gone, CancellationToken cancellationToken)
    {
        if (gone)
        {
            _faults.Faults.Set(null, new ModbusFault(ModbusFaultKind.NoResponse));
        }
        else
        {
            _faults.Faults.Clear(null);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _serving.ConfigureAwait(false);
        if (_channel is not null)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }

        _pty?.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync(IByteChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            await _server.ServeAsync(channel, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (TransportException ex)
        {
            SimulatorLog.SerialLineFailed(_logger, ex, _spec.Id);
        }
    }
}
