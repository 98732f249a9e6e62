using System.Net;
using System.Net.Sockets;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// A WAN link the test can cut: forwards 127.0.0.1:port to a real server; while down it drops every
/// connection and refuses new ones (accepts and closes at once), as a failed uplink does. While silent it
/// keeps its connections and accepts new ones but swallows every request (a hung device whose TCP stack works).
/// </summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private volatile bool _down;
    private volatile bool _silent;
    private long _swallowed;

    public TcpCutProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Gets the request bytes swallowed while silent.</summary>
    public long SwallowedBytes => Interlocked.Read(ref _swallowed);

    /// <summary>Makes the far end go silent (requests read and dropped, nothing answered) or answer again.</summary>
    public void SetSilent(bool silent) => _silent = silent;

    /// <summary>Cuts or restores the link.</summary>
    public void SetDown(bool down)
    {
        _down = down;
        if (down)
        {
            lock (_gate)
            {
                foreach (TcpClient client in _open)
                {
                    client.Dispose();
                }

                _open.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        SetDown(true);
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_down)
            {
                inbound.Dispose();
                continue;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_gate)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PipeAsync(inbound, outbound, requests: true);
            _ = PipeAsync(outbound, inbound, requests: false);
        }
    }

    private async Task PipeAsync(TcpClient from, TcpClient to, bool requests)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.GetStream().ReadAsync(buffer)) > 0)
            {
                if (requests && _silent)
                {
                    Interlocked.Add(ref _swallowed, read);
                    continue;
                }

                await to.GetStream().WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
