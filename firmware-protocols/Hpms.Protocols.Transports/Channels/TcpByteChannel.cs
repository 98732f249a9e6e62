using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// A TCP connection: either a client to host:port (reconnectable with <see cref="OpenAsync"/>) or a
/// connection a server accepted.
/// </summary>
public sealed class TcpByteChannel : IByteChannel
{
    private readonly string? _host;
    private readonly int _port;
    private readonly bool _accepted;
    private Socket? _socket;
    private volatile bool _failed;

    /// <summary>A client channel; <see cref="OpenAsync"/> connects, bounded by its token.</summary>
    public TcpByteChannel(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _host = host;
        _port = port;
        Name = $"tcp://{host}:{port}";
    }

    /// <summary>Wraps a connected socket returned by <see cref="Socket.AcceptAsync(CancellationToken)"/>; the channel owns it.</summary>
    public TcpByteChannel(Socket acceptedSocket)
    {
        ArgumentNullException.ThrowIfNull(acceptedSocket);
        if (!acceptedSocket.Connected)
        {
            throw new ArgumentException("The socket must be connected.", nameof(acceptedSocket));
        }

        acceptedSocket.NoDelay = true;
        _accepted = true;
        _socket = acceptedSocket;
        Name = $"tcp://{acceptedSocket.RemoteEndPoint}";
    }

    public string Name { get; }

    public bool IsOpen => Volatile.Read(ref _socket) is not null && !_failed;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_socket is not null)
        {
            if (!_failed)
            {
                return;
            }

            await CloseAsync().ConfigureAwait(false);
        }

        if (_accepted)
        {
            throw new TransportException(Name, "an accepted connection cannot be reopened; wait for the peer to connect again.", null);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_host!, _port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new TransportException(Name, $"cannot connect: {ex.SocketErrorCode} ({ex.Message}).", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _failed = false;
        Volatile.Write(ref _socket, socket);
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        Socket socket = Volatile.Read(ref _socket) ?? throw new TransportException(Name, "channel is not open.", null);
        ValueTask<int> receive;
        try
        {
            receive = socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw Wrap("receive", ex);
        }

        if (receive.IsCompletedSuccessfully)
        {
            // Reading Result consumes a source-backed ValueTask (the socket reuses its source at once):
            // hand the caller a fresh one holding the value, never the consumed one.
            int read = receive.Result;
            if (read == 0)
            {
                OnEndOfStream(socket);
            }

            return new ValueTask<int>(read);
        }

        return AwaitReceiveAsync(socket, receive);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        Socket socket = Volatile.Read(ref _socket) ?? throw new TransportException(Name, "channel is not open.", null);
        try
        {
            while (!buffer.IsEmpty)
            {
                int sent = await socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                buffer = buffer[sent..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw Wrap("send", ex);
        }
    }

    /// <summary>Drops bytes already received, e.g. a late response to a request that timed out.</summary>
    public void DiscardInput()
    {
        Socket? socket = Volatile.Read(ref _socket);
        if (socket is null)
        {
            return;
        }

        Span<byte> scratch = stackalloc byte[512];
        try
        {
            while (socket.Available > 0)
            {
                if (socket.Receive(scratch, SocketFlags.None) == 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw Wrap("discard", ex);
        }
    }

    public ValueTask CloseAsync()
    {
        Socket? socket = Interlocked.Exchange(ref _socket, null);
        if (socket is not null)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // The peer may already be gone; closing is all that is left to do.
            }

            socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => CloseAsync();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReceiveAsync(Socket socket, ValueTask<int> receive)
    {
        try
        {
            int count = await receive.ConfigureAwait(false);
            if (count == 0)
            {
                OnEndOfStream(socket);
            }

            return count;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw Wrap("receive", ex);
        }
    }

    /// <summary>
    /// Marks the channel failed. A 0 caused by our own <see cref="CloseAsync"/> (its shutdown ends a
    /// pending receive with end of stream on Linux) is not the peer closing: report it as closed.
    /// </summary>
    private void OnEndOfStream(Socket socket)
    {
        _failed = true;
        if (!ReferenceEquals(Volatile.Read(ref _socket), socket))
        {
            throw new TransportException(Name, "channel was closed during a receive.", null);
        }
    }

    private TransportException Wrap(string operation, Exception ex)
    {
        _failed = true;
        string reason = Volatile.Read(ref _socket) is null
            ? $"channel was closed during a {operation}."
            : ex is SocketException se ? $"{operation} failed: {se.SocketErrorCode} ({se.Message})." : $"{operation} failed: {ex.Message}";
        return new TransportException(Name, reason, ex);
    }
}
