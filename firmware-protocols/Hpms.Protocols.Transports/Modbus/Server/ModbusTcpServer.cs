using System.Net;
using System.Security.Cryptography;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Modbus.Tcp;
using Hpms.Protocols.Transports.Channels;
using Microsoft.Extensions.Logging;

namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>
/// A Modbus server on TCP: MBAP framing (Modbus TCP) or RTU over TCP. Each connection is served
/// on its own task; a malformed MBAP header closes that connection only.
/// </summary>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private readonly ModbusRequestHandler _handler;
    private readonly ModbusRtuServer? _rtu;
    private readonly TcpConnectionListener _listener;
    private readonly ModbusServerOptions _options;

    /// <summary>Creates and binds a server; call <see cref="Start"/> to accept clients.</summary>
    /// <param name="endpoint">Where to listen; port 0 picks a free port (see <see cref="LocalEndPoint"/>).</param>
    /// <param name="units">The data store of each served unit id; null for ids not served.</param>
    /// <param name="options">Limits and pacing.</param>
    /// <param name="faults">Optional fault injection.</param>
    /// <param name="framing">MBAP or RTU over TCP.</param>
    /// <param name="logger">Log.</param>
    public ModbusTcpServer(
        IPEndPoint endpoint,
        Func<byte, IModbusDataStore?> units,
        ModbusServerOptions? options = null,
        IModbusFaultInjector? faults = null,
        ModbusTcpFraming framing = ModbusTcpFraming.Mbap,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(units);
        _options = options ?? new ModbusServerOptions();
        logger ??= Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        if (framing == ModbusTcpFraming.RtuOverTcp)
        {
            _rtu = new ModbusRtuServer(units, _options, faults, logger);
            Counters = _rtu.Counters;
        }
        else
        {
            Counters = new ModbusServerCounters();
        }

        _handler = new ModbusRequestHandler(units, faults, Counters);
        _listener = new TcpConnectionListener(endpoint, Serve, _options.MaxConnections, Counters, logger);
    }

    /// <summary>Gets the bound address and port.</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>Gets the running totals.</summary>
    public ModbusServerCounters Counters { get; }

    /// <summary>Starts accepting clients.</summary>
    public void Start() => _listener.Start();

    /// <summary>Stops accepting, closes every connection and waits for them.</summary>
    /// <returns>A task that completes when all is closed.</returns>
    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private Task Serve(IByteChannel channel, CancellationToken cancellationToken) =>
        _rtu is not null ? _rtu.ServeAsync(channel, cancellationToken) : ServeMbapAsync(channel, cancellationToken);

    private async Task ServeMbapAsync(IByteChannel channel, CancellationToken cancellationToken)
    {
        byte[] request = new byte[ModbusLimits.MaxTcpAduLength];
        byte[] response = new byte[ModbusLimits.MaxTcpAduLength];
        // One idle timer per connection, re-armed per request: no allocation per transaction.
        var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await ServeMbapFramesAsync(channel, idle, request, response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            idle.Dispose();
        }
    }

    private async Task ServeMbapFramesAsync(
        IByteChannel channel, CancellationTokenSource idle, byte[] request, byte[] response, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!idle.TryReset())
            {
                return;
            }

            idle.CancelAfter(_options.IdleTimeout);
            if (!await ReadExactlyAsync(channel, request.AsMemory(0, ModbusLimits.MbapHeaderLength), idle.Token).ConfigureAwait(false))
            {
                return;
            }

            if (TcpCodec.TryReadHeader(request, out MbapHeader header) != DecodeStatus.Ok)
            {
                // Out of step: nothing in the stream tells where the next frame starts.
                Counters.MalformedFrame();
                return;
            }

            if (!await ReadExactlyAsync(channel, request.AsMemory(ModbusLimits.MbapHeaderLength, header.PduLength), idle.Token).ConfigureAwait(false))
            {
                return;
            }

            int pduLength = _handler.Handle(
                header.UnitId,
                request.AsSpan(ModbusLimits.MbapHeaderLength, header.PduLength),
                response.AsSpan(ModbusLimits.MbapHeaderLength, ModbusLimits.MaxPduLength),
                out ModbusFault fault);
            if (fault.Kind == ModbusFaultKind.DropConnection)
            {
                return;
            }

            if (pduLength == 0)
            {
                continue;
            }

            if (fault.Kind == ModbusFaultKind.Delay)
            {
                await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
            }

            byte unit = fault.Kind == ModbusFaultKind.WrongUnitId ? (byte)(header.UnitId + 1) : header.UnitId;
            int length = TcpCodec.Seal(response, header.TransactionId, unit, pduLength);
            if (fault.Kind == ModbusFaultKind.CorruptFrame)
            {
                response[2] = 0xFF; // protocol id ≠ 0: the client must drop the connection to resync
            }

            if (fault.Kind == ModbusFaultKind.NoiseBeforeResponse)
            {
                await channel.WriteAsync(RandomNumberGenerator.GetBytes(Math.Clamp(fault.NoiseBytes, 1, 64)), cancellationToken).ConfigureAwait(false);
            }

            await channel.WriteAsync(response.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<bool> ReadExactlyAsync(IByteChannel channel, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            int read;
            try
            {
                read = await channel.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (TransportException)
            {
                return false;
            }

            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }
}
