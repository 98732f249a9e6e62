using System.Diagnostics;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Rtu;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Channels;
using Microsoft.Extensions.Logging;

namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>
/// Serves RTU frames on a byte channel: a serial line (every unit id on the line can be served
/// by one instance) or one RTU-over-TCP connection. Noise and frames for other units are skipped;
/// broadcasts (unit 0) are executed and never answered.
/// </summary>
public sealed partial class ModbusRtuServer
{
    private static readonly TimeSpan s_minimumSilenceWait = TimeSpan.FromMilliseconds(20);

    private readonly ModbusRequestHandler _handler;
    private readonly ModbusServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeSpan _silenceWait;

    /// <summary>Creates a server.</summary>
    /// <param name="units">The data store of each served unit id; null for ids not served.</param>
    /// <param name="options">Timing and pacing.</param>
    /// <param name="faults">Optional fault injection.</param>
    /// <param name="logger">Log.</param>
    public ModbusRtuServer(
        Func<byte, IModbusDataStore?> units, ModbusServerOptions? options = null, IModbusFaultInjector? faults = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        _options = options ?? new ModbusServerOptions();
        _handler = new ModbusRequestHandler(units, faults, Counters);
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        TimeSpan fourSilences = RtuTiming.InterFrameSilence(_options.BaudRate) * 4;
        _silenceWait = fourSilences > s_minimumSilenceWait ? fourSilences : s_minimumSilenceWait;
    }

    /// <summary>Gets the running totals.</summary>
    public ModbusServerCounters Counters { get; } = new();

    /// <summary>Serves the channel until it ends (TCP peer closed) or the token is cancelled.</summary>
    /// <param name="channel">An open channel.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that ends with the channel.</returns>
    public async Task ServeAsync(IByteChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var decoder = new RtuStreamDecoder(RtuFrameKind.Request);
        byte[] response = new byte[ModbusLimits.MaxRtuAduLength + 64];
        var random = new Random();
        LogServing(channel.Name);
        while (!cancellationToken.IsCancellationRequested)
        {
            long discardedBefore = decoder.DiscardedBytes;
            int read = await ReadAsync(channel, decoder, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            if (read < 0)
            {
                decoder.MarkSilence();
            }
            else
            {
                decoder.Advance(read);
            }

            long received = Stopwatch.GetTimestamp();
            while (true)
            {
                int length = TakeRequest(decoder, response, out ModbusFault fault, out int requestLength);
                if (length < 0)
                {
                    break;
                }

                if (length > 0)
                {
                    await ReplyAsync(channel, response, length, requestLength, fault, received, random, cancellationToken).ConfigureAwait(false);
                }
            }

            if (decoder.DiscardedBytes != discardedBefore)
            {
                Counters.MalformedFrame(decoder.DiscardedBytes - discardedBefore);
            }
        }
    }

    private async ValueTask<int> ReadAsync(IByteChannel channel, RtuStreamDecoder decoder, CancellationToken cancellationToken)
    {
        if (decoder.Buffered == 0)
        {
            return await channel.ReadAsync(decoder.GetFreeMemory(), cancellationToken).ConfigureAwait(false);
        }

        // A partial frame is waiting: more bytes complete it, a silence ends it.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(_silenceWait);
        try
        {
            return await channel.ReadAsync(decoder.GetFreeMemory(), silence.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return -1;
        }
    }

    // Returns the response frame length in 'response' (0: no reply), or -1 when no frame is buffered.
    private int TakeRequest(RtuStreamDecoder decoder, byte[] response, out ModbusFault fault, out int requestLength)
    {
        fault = ModbusFault.None;
        requestLength = 0;
        if (!decoder.TryReadFrame(out ReadOnlySpan<byte> frame))
        {
            return -1;
        }

        requestLength = frame.Length;
        RtuCodec.Decode(frame, out byte unitId, out ReadOnlySpan<byte> pdu);
        int pduLength = _handler.Handle(unitId, pdu, response.AsSpan(1, ModbusLimits.MaxPduLength), out fault);
        if (pduLength == 0 || unitId == 0)
        {
            return 0;
        }

        byte replyUnit = fault.Kind == ModbusFaultKind.WrongUnitId ? (byte)(unitId + 1) : unitId;
        int length = RtuCodec.Seal(response, replyUnit, pduLength);
        if (fault.Kind == ModbusFaultKind.CorruptFrame)
        {
            response[length - 1] ^= 0x5A;
        }

        return length;
    }

    private async ValueTask ReplyAsync(
        IByteChannel channel, byte[] response, int length, int requestLength, ModbusFault fault, long received, Random random, CancellationToken cancellationToken)
    {
        if (_options.SimulatedBaudRate is int baud)
        {
            // The request would still be arriving, then the device waits t3.5, then its reply takes wire time.
            TimeSpan wire = RtuTiming.TransmissionTime(requestLength + length, baud) + RtuTiming.InterFrameSilence(baud);
            await PreciseDelay.UntilAsync(received + (long)(wire.TotalSeconds * Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
        }

        if (fault.Kind == ModbusFaultKind.Delay)
        {
            await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
        }

        if (fault.Kind == ModbusFaultKind.NoiseBeforeResponse)
        {
            byte[] noise = new byte[Math.Clamp(fault.NoiseBytes, 1, 64)];
            random.NextBytes(noise);
            await channel.WriteAsync(noise, cancellationToken).ConfigureAwait(false);
        }

        await channel.WriteAsync(response.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modbus RTU server on {Channel}")]
    private partial void LogServing(string channel);
}
