using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Tcp;
using Hpms.Protocols.Transports.Channels;
using Microsoft.Extensions.Logging;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>
/// Modbus TCP master: MBAP framing with transaction ids. A late response to an earlier,
/// timed-out transaction is recognised by its id and skipped, so one slow reply does not
/// poison the next transaction.
/// </summary>
public sealed class ModbusTcpMaster : ModbusMaster
{
    private readonly byte[] _receive = new byte[ModbusLimits.MaxTcpAduLength];
    private ushort _transactionId;

    /// <summary>Creates a master over a TCP channel.</summary>
    /// <param name="channel">Usually a <see cref="TcpByteChannel"/>.</param>
    /// <param name="options">Timing and retries.</param>
    /// <param name="logger">Link state log.</param>
    public ModbusTcpMaster(IByteChannel channel, ModbusMasterOptions options, ILogger<ModbusTcpMaster>? logger = null)
        : base(channel, options, logger)
    {
    }

    /// <inheritdoc/>
    protected override int PduOffset => ModbusLimits.MbapHeaderLength;

    internal override async ValueTask<ExchangeResult> ExchangeAsync(
        byte unitId, int pduLength, ModbusRequest request, CancellationToken cancellationToken)
    {
        ushort transactionId = ++_transactionId;
        int length = TcpCodec.Seal(SendBuffer, transactionId, unitId, pduLength);
        await Channel.WriteAsync(SendBuffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await ReadExactlyAsync(_receive.AsMemory(0, ModbusLimits.MbapHeaderLength), cancellationToken).ConfigureAwait(false);
            DecodeStatus status = TcpCodec.TryReadHeader(_receive, out MbapHeader header);
            if (status != DecodeStatus.Ok)
            {
                return new ExchangeResult(status, default);
            }

            Memory<byte> pdu = _receive.AsMemory(ModbusLimits.MbapHeaderLength, header.PduLength);
            await ReadExactlyAsync(pdu, cancellationToken).ConfigureAwait(false);
            if (header.TransactionId != transactionId)
            {
                Counters.StaleResponse();
                continue;
            }

            return header.UnitId == unitId
                ? new ExchangeResult(DecodeStatus.Ok, pdu)
                : new ExchangeResult(DecodeStatus.UnitMismatch, default);
        }
    }

    internal override async ValueTask RecoverAsync(bool framingBroken)
    {
        // A bad MBAP header means the byte stream is out of step: only a new connection resyncs it.
        if (framingBroken)
        {
            await Channel.CloseAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            int read = await Channel.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new TransportException(Channel.Name, "connection closed by the device", null);
            }

            buffer = buffer[read..];
        }
    }
}
