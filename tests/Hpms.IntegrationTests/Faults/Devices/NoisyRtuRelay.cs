using System.IO.Ports;
using Hpms.Protocols.Transports.Channels;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>
/// An RS-485 line with a noise source on it: relays bytes between the gateway's end of a pty pair and the
/// simulator's line, and while noisy writes bursts of random bytes towards the gateway — between frames (a
/// timer) and into them (a reply chunk split by a burst) — as a motor drive or a loose shield does.
/// </summary>
internal sealed class NoisyRtuRelay : IAsyncDisposable
{
    private readonly IByteChannel _gateway;
    private readonly IByteChannel _devices;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _toGateway = new(1, 1);
    private readonly Random _random = new(7);
    private readonly Lock _randomGate = new();
    private Task _running = Task.CompletedTask;
    private long _noiseBytes;
    private volatile bool _noisy;

    private NoisyRtuRelay(IByteChannel gateway, IByteChannel devices)
    {
        _gateway = gateway;
        _devices = devices;
    }

    /// <summary>Gets the random bytes written onto the line so far.</summary>
    public long NoiseBytes => Interlocked.Read(ref _noiseBytes);

    /// <summary>Opens both ends and starts relaying (quiet until <see cref="SetNoisy"/>).</summary>
    public static async Task<NoisyRtuRelay> StartAsync(string gatewaySide, string devicesSide)
    {
        var relay = new NoisyRtuRelay(SerialByteChannelFactory.Create(Line(gatewaySide)), SerialByteChannelFactory.Create(Line(devicesSide)));
        await relay._gateway.OpenAsync(CancellationToken.None);
        await relay._devices.OpenAsync(CancellationToken.None);
        relay._running = Task.WhenAll(relay.RequestsAsync(), relay.RepliesAsync(), relay.BackgroundNoiseAsync());
        return relay;
    }

    public void SetNoisy(bool noisy) => _noisy = noisy;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped on purpose.
        }

        await _gateway.DisposeAsync();
        await _devices.DisposeAsync();
        _stop.Dispose();
        _toGateway.Dispose();
    }

    private static SerialLineOptions Line(string path) => new()
    {
        PortName = path, BaudRate = 115200, Parity = Parity.None, StopBits = StopBits.One, Driver = SerialDriverKind.Posix,
    };

    private async Task RequestsAsync()
    {
        byte[] buffer = new byte[512];
        while (!_stop.IsCancellationRequested)
        {
            int read = await _gateway.ReadAsync(buffer, _stop.Token);
            await _devices.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    // Replies: one chunk in four is cut at a random byte and a burst goes into the gap.
    private async Task RepliesAsync()
    {
        byte[] buffer = new byte[512];
        while (!_stop.IsCancellationRequested)
        {
            int read = await _devices.ReadAsync(buffer, _stop.Token);
            int cut = _noisy && read > 1 && Next(4) == 0 ? 1 + Next(read - 1) : read;
            await ToGatewayAsync(buffer.AsMemory(0, cut));
            if (cut < read)
            {
                await ToGatewayAsync(Burst());
                await ToGatewayAsync(buffer.AsMemory(cut, read - cut));
            }
        }
    }

    // Between frames: a burst of 1..8 random bytes every 5..40 ms.
    private async Task BackgroundNoiseAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5 + Next(36)), _stop.Token);
            if (_noisy)
            {
                await ToGatewayAsync(Burst());
            }
        }
    }

    private byte[] Burst()
    {
        byte[] burst = new byte[1 + Next(8)];
        lock (_randomGate)
        {
            _random.NextBytes(burst);
        }

        Interlocked.Add(ref _noiseBytes, burst.Length);
        return burst;
    }

    private int Next(int below)
    {
        lock (_randomGate)
        {
            return _random.Next(below);
        }
    }

    private async Task ToGatewayAsync(ReadOnlyMemory<byte> bytes)
    {
        await _toGateway.WaitAsync(_stop.Token);
        try
        {
            await _gateway.WriteAsync(bytes, _stop.Token);
        }
        finally
        {
            _toGateway.Release();
        }
    }
}
