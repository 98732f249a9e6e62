using System.Net;
using System.Net.Sockets;
using Hpms.Protocols.Transports.Channels;
using Microsoft.Extensions.Logging;

namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>Accepts TCP clients and runs one connection loop per client, up to a limit.</summary>
internal sealed partial class TcpConnectionListener : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<IByteChannel, CancellationToken, Task> _serve;
    private readonly int _maxConnections;
    private readonly ModbusServerCounters _counters;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private Task? _acceptLoop;
    private int _open;

    public TcpConnectionListener(
        IPEndPoint endpoint, Func<IByteChannel, CancellationToken, Task> serve, int maxConnections, ModbusServerCounters counters, ILogger logger)
    {
        _serve = serve;
        _maxConnections = maxConnections;
        _counters = counters;
        _logger = logger;
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(endpoint);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start()
    {
        _listener.Listen(128);
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Interlocked.Increment(ref _open) > _maxConnections)
            {
                Interlocked.Decrement(ref _open);
                LogRefused(client.RemoteEndPoint?.ToString() ?? "?", _maxConnections);
                client.Dispose();
                continue;
            }

            _counters.Connection();
            Task connection = ServeOneAsync(new TcpByteChannel(client), cancellationToken);
            lock (_connections)
            {
                _connections.RemoveAll(static t => t.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private async Task ServeOneAsync(TcpByteChannel channel, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await _serve(channel, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (TransportException ex)
        {
            LogConnectionEnded(channel.Name, ex.Message);
        }
#pragma warning disable CA1031 // One connection's failure must never stop the server: log and go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogConnectionFailed(ex, channel.Name);
        }
        finally
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            Interlocked.Decrement(ref _open);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus server refused {Client}: {Max} connections already open")]
    private partial void LogRefused(string client, int max);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modbus connection {Channel} ended: {Reason}")]
    private partial void LogConnectionEnded(string channel, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Modbus connection {Channel} failed")]
    private partial void LogConnectionFailed(Exception exception, string channel);
}
