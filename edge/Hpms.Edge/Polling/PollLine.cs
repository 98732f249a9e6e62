using System.Threading.Channels;
using Hpms.Edge.Devices;
using Hpms.Protocols.Transports.Modbus;
using Microsoft.Extensions.Logging;

namespace Hpms.Edge.Polling;

/// <summary>
/// The devices that share one master — an RS-485 line, a serial device server, or one Modbus TCP
/// device — polled one request at a time in due order. Each device keeps its own interval; a device
/// that stops answering is retried with a growing back-off (up to a maximum) so it cannot take the
/// line's time from the others; its failures are logged once when they start and once when it recovers.
/// </summary>
public sealed partial class PollLine : IAsyncDisposable
{
    private readonly IModbusMaster _master;
    private readonly Slot[] _slots;
    private readonly ChannelWriter<DeviceReading> _output;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxBackoff;
    private readonly int _staleAfterIntervals;
    private readonly ILogger _logger;
    private readonly PollBuffers _buffers = new();

    // Polls and command writes share the master; a master serves one request at a time, so both take this.
    private readonly SemaphoreSlim _exclusive = new(1, 1);

    /// <summary>Creates a line.</summary>
    /// <param name="key">Line key (for logs).</param>
    /// <param name="master">The line's master, owned by the line from now on.</param>
    /// <param name="devices">Devices on the line.</param>
    /// <param name="output">Where readings go (backpressure: the line waits when it is full).</param>
    /// <param name="clock">Time source.</param>
    /// <param name="maxBackoff">Longest wait between attempts at a dead device.</param>
    /// <param name="staleAfterIntervals">Poll intervals after which last values stop being served as stale.</param>
    /// <param name="logger">Log.</param>
    public PollLine(
        string key, IModbusMaster master, IReadOnlyList<EdgeDevice> devices, ChannelWriter<DeviceReading> output,
        TimeProvider clock, TimeSpan maxBackoff, int staleAfterIntervals, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(clock);
        Key = key;
        _master = master;
        _output = output;
        _clock = clock;
        _maxBackoff = maxBackoff;
        _staleAfterIntervals = staleAfterIntervals;
        _logger = logger;
        DateTimeOffset now = clock.GetUtcNow();
        _slots = [.. devices.Select((d, i) => new Slot(d, now + (d.Options.PollInterval * i / Math.Max(1, devices.Count))))];
    }

    /// <summary>Gets the line key.</summary>
    public string Key { get; }

    /// <summary>Gets the line's master (its counters are the line's).</summary>
    public IModbusMaster Master => _master;

    /// <summary>Polls until cancelled.</summary>
    /// <param name="cancellationToken">Stops the line.</param>
    /// <returns>A task that ends when cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Slot next = _slots[0];
            foreach (Slot slot in _slots)
            {
                if (slot.Due < next.Due)
                {
                    next = slot;
                }
            }

            TimeSpan wait = next.Due - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
            }

            DeviceReading reading = await PollOnceAsync(next.Device, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(reading, cancellationToken).ConfigureAwait(false);
            Reschedule(next, reading.Succeeded);
        }
    }

    /// <summary>Polls one device of the line now (used by <c>--once</c> and by <see cref="RunAsync"/>).</summary>
    /// <param name="device">A device of this line.</param>
    /// <param name="cancellationToken">Stops the poll.</param>
    /// <returns>The reading.</returns>
    public Task<DeviceReading> PollOnceAsync(EdgeDevice device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return RunExclusiveAsync(
            (master, token) => new ValueTask<DeviceReading>(DevicePoller.PollAsync(device, master, _clock, device.Options.PollInterval * _staleAfterIntervals, _buffers, token)),
            cancellationToken);
    }

    /// <summary>
    /// Runs an exchange (a command's writes) on the line's master between polls: it waits for the poll in
    /// progress, and the next poll waits for it.
    /// </summary>
    /// <typeparam name="T">The exchange's result.</typeparam>
    /// <param name="exchange">What to do with the master; it must not keep the master.</param>
    /// <param name="cancellationToken">Stops waiting and the exchange.</param>
    /// <returns>The exchange's result.</returns>
    public async Task<T> RunExclusiveAsync<T>(Func<IModbusMaster, CancellationToken, ValueTask<T>> exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        await _exclusive.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await exchange(_master, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _exclusive.Release();
        }
    }

    /// <summary>Gets the devices of the line.</summary>
    /// <returns>The devices.</returns>
    public IEnumerable<EdgeDevice> Devices() => _slots.Select(s => s.Device);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _master.DisposeAsync().ConfigureAwait(false);
        _exclusive.Dispose();
    }

    private void Reschedule(Slot slot, bool succeeded)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        TimeSpan interval = slot.Device.Options.PollInterval;
        if (succeeded)
        {
            if (slot.Failures > 0)
            {
                LogRecovered(_logger, slot.Device.Options.Id, Key, slot.Failures);
            }

            slot.Failures = 0;
            // Keep the rhythm. A poll held up by another device's turn (up to one interval: a dead device's timeouts
            // can outlast a short interval) is caught up at once, so that turn costs only the dead device's own slot;
            // after a longer stall, restart the rhythm from now rather than firing a burst of catch-up polls.
            DateTimeOffset next = slot.Due + interval;
            slot.Due = next > now - interval ? next : now + interval;
            return;
        }

        slot.Failures++;
        if (slot.Failures == 1)
        {
            LogFailing(_logger, slot.Device.Options.Id, Key);
        }

        double factor = Math.Pow(2, Math.Min(slot.Failures - 1, 16));
        TimeSpan backoff = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, Math.Max(_maxBackoff.Ticks, interval.Ticks)));
        slot.Due = now + backoff;
    }

    [LoggerMessage(1, LogLevel.Warning, "Device {Device} on {Line} stopped answering; retrying with back-off")]
    private static partial void LogFailing(ILogger logger, string device, string line);

    [LoggerMessage(2, LogLevel.Information, "Device {Device} on {Line} answers again after {Failures} failed polls")]
    private static partial void LogRecovered(ILogger logger, string device, string line, int failures);

    private sealed class Slot(EdgeDevice device, DateTimeOffset due)
    {
        public EdgeDevice Device { get; } = device;

        public DateTimeOffset Due { get; set; } = due;

        public int Failures { get; set; }
    }
}
