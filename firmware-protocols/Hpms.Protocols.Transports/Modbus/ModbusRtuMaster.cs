using System.Diagnostics;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Rtu;
using Hpms.Protocols.Transports.Channels;
using Microsoft.Extensions.Logging;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>
/// Modbus RTU master for a serial line or an RTU-over-TCP gateway. Keeps the inter-frame
/// silence before each request, finds the response in the byte stream (noise and other units'
/// frames are skipped), and counts CRC errors. One instance per physical line: the base class
/// serialises transactions, which is exactly what a shared RS-485 bus needs.
/// </summary>
public sealed class ModbusRtuMaster : ModbusMaster
{
    private static readonly TimeSpan s_minimumSilenceWait = TimeSpan.FromMilliseconds(20);

    private readonly RtuStreamDecoder _decoder = new(RtuFrameKind.Response);
    private readonly byte[] _responsePdu = new byte[ModbusLimits.MaxPduLength];
    private readonly TimeSpan _silence;
    private readonly TimeSpan _silenceWait;
    private long _quietUntil;

    /// <summary>Creates a master over a serial (or RTU-over-TCP) channel.</summary>
    /// <param name="channel">The line.</param>
    /// <param name="options">Timing, retries and the line's baud rate.</param>
    /// <param name="logger">Link state log.</param>
    public ModbusRtuMaster(IByteChannel channel, ModbusMasterOptions options, ILogger<ModbusRtuMaster>? logger = null)
        : base(channel, options, logger)
    {
        _silence = options.InterFrameSilence ?? RtuTiming.InterFrameSilence(options.BaudRate);

        // How long the line must stay quiet before a partial frame is declared garbage. Generous
        // on purpose: USB adapters and ptys deliver bytes in bursts with millisecond gaps.
        TimeSpan fourSilences = RtuTiming.InterFrameSilence(options.BaudRate) * 4;
        _silenceWait = fourSilences > s_minimumSilenceWait ? fourSilences : s_minimumSilenceWait;
    }

    /// <inheritdoc/>
    protected override int PduOffset => 1;

    internal override async ValueTask<ExchangeResult> ExchangeAsync(
        byte unitId, int pduLength, ModbusRequest request, CancellationToken cancellationToken)
    {
        await PreciseDelay.UntilAsync(_quietUntil, cancellationToken).ConfigureAwait(false);
        int length = RtuCodec.Seal(SendBuffer, unitId, pduLength);
        _decoder.Reset();
        await Channel.WriteAsync(SendBuffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        if (unitId == 0)
        {
            // Broadcast (§2.1): no reply; give the devices the turnaround time before the next frame.
            _quietUntil = PreciseDelay.After(_silence + TimeSpan.FromMilliseconds(100));
            return new ExchangeResult(DecodeStatus.Ok, default, IsBroadcast: true);
        }

        long crcErrorsBefore = _decoder.CrcErrors;
        try
        {
            while (true)
            {
                int read = _decoder.Buffered == 0
                    ? await Channel.ReadAsync(_decoder.GetFreeMemory(), cancellationToken).ConfigureAwait(false)
                    : await ReadOrSilenceAsync(cancellationToken).ConfigureAwait(false);
                if (read < 0)
                {
                    _decoder.MarkSilence();
                }
                else
                {
                    _decoder.Advance(read);
                }

                int pdu = TakeResponse(unitId);
                if (pdu > 0)
                {
                    return new ExchangeResult(DecodeStatus.Ok, _responsePdu.AsMemory(0, pdu));
                }
            }
        }
        finally
        {
            Counters.CrcError(_decoder.CrcErrors - crcErrorsBefore);
            _quietUntil = Stopwatch.GetTimestamp() + (long)(_silence.TotalSeconds * Stopwatch.Frequency);
        }
    }

    internal override ValueTask RecoverAsync(bool framingBroken)
    {
        // A late reply to the failed attempt must not be taken for the retry's reply.
        Channel.DiscardInput();
        _decoder.Reset();
        return ValueTask.CompletedTask;
    }

    // Bytes are buffered but no frame yet: wait for more, or for the silence that ends the frame.
    private async ValueTask<int> ReadOrSilenceAsync(CancellationToken cancellationToken)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(_silenceWait);
        try
        {
            return await Channel.ReadAsync(_decoder.GetFreeMemory(), silence.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return -1;
        }
    }

    private int TakeResponse(byte unitId)
    {
        while (_decoder.TryReadFrame(out ReadOnlySpan<byte> frame))
        {
            // Frames from other units (a shared bus, or a device answering for the wrong id) are not ours.
            if (RtuCodec.Decode(frame, out byte unit, out ReadOnlySpan<byte> pdu) == DecodeStatus.Ok && unit == unitId)
            {
                pdu.CopyTo(_responsePdu);
                return pdu.Length;
            }
        }

        return 0;
    }
}
