using System.Diagnostics;
using System.Runtime.CompilerServices;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Transports.Channels;
using Microsoft.Extensions.Logging;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>
/// The transaction logic every Modbus master shares: one transaction at a time, per-attempt
/// timeout, retries with doubling backoff, reopening a lost channel, response checking and
/// counters. Subclasses only frame the PDU for their wire (MBAP or RTU).
/// </summary>
public abstract partial class ModbusMaster : IModbusMaster
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private CancellationTokenSource _timeout = new();
    private bool _disposed;

    /// <summary>Creates the master over a channel it then owns.</summary>
    /// <param name="channel">The byte channel (opened on first use, reopened after a failure).</param>
    /// <param name="options">Timing and retries.</param>
    /// <param name="logger">Where link state changes are logged.</param>
    protected ModbusMaster(IByteChannel channel, ModbusMasterOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        Channel = channel;
        Options = options;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <inheritdoc/>
    public ModbusMasterCounters Counters { get; } = new();

    /// <summary>Gets the channel the master talks over.</summary>
    protected IByteChannel Channel { get; }

    /// <summary>Gets the master's settings.</summary>
    protected ModbusMasterOptions Options { get; }

    /// <summary>Gets the frame buffer; the PDU is encoded at <see cref="PduOffset"/> so framing never copies it.</summary>
    protected byte[] SendBuffer { get; } = new byte[ModbusLimits.MaxTcpAduLength + 8];

    /// <summary>Gets where the PDU starts in <see cref="SendBuffer"/>: 7 for MBAP, 1 for RTU.</summary>
    protected abstract int PduOffset { get; }

    private Span<byte> RequestSpan => SendBuffer.AsSpan(PduOffset, ModbusLimits.MaxPduLength);

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadCoilsAsync(byte unitId, ushort address, Memory<bool> destination, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(FunctionCode.ReadCoils, address, (ushort)destination.Length);
            int length = RequestPdu.EncodeRead(RequestSpan, request.Function, address, destination.Length);
            ReadOnlyMemory<byte> pdu = await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
            ResponsePdu.ReadBits(pdu.Span, destination.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadDiscreteInputsAsync(byte unitId, ushort address, Memory<bool> destination, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(FunctionCode.ReadDiscreteInputs, address, (ushort)destination.Length);
            int length = RequestPdu.EncodeRead(RequestSpan, request.Function, address, destination.Length);
            ReadOnlyMemory<byte> pdu = await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
            ResponsePdu.ReadBits(pdu.Span, destination.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask ReadHoldingRegistersAsync(byte unitId, ushort address, Memory<ushort> destination, CancellationToken cancellationToken) =>
        ReadRegistersAsync(FunctionCode.ReadHoldingRegisters, unitId, address, destination, cancellationToken);

    /// <inheritdoc/>
    public ValueTask ReadInputRegistersAsync(byte unitId, ushort address, Memory<ushort> destination, CancellationToken cancellationToken) =>
        ReadRegistersAsync(FunctionCode.ReadInputRegisters, unitId, address, destination, cancellationToken);

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(FunctionCode.WriteSingleCoil, address, 1, SingleValue: value ? (ushort)0xFF00 : (ushort)0);
            int length = RequestPdu.EncodeWriteSingleCoil(RequestSpan, address, value);
            await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(FunctionCode.WriteSingleRegister, address, 1, SingleValue: value);
            int length = RequestPdu.EncodeWriteSingleRegister(RequestSpan, address, value);
            await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(FunctionCode.WriteMultipleCoils, address, (ushort)values.Length);
            int length = RequestPdu.EncodeWriteMultipleCoils(RequestSpan, address, values.Span);
            await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(FunctionCode.WriteMultipleRegisters, address, (ushort)values.Length);
            int length = RequestPdu.EncodeWriteMultipleRegisters(RequestSpan, address, values.Span);
            await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadWriteMultipleRegistersAsync(
        byte unitId, ushort readAddress, Memory<ushort> destination, ushort writeAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(
                FunctionCode.ReadWriteMultipleRegisters, readAddress, (ushort)destination.Length, writeAddress, (ushort)values.Length);
            int length = RequestPdu.EncodeReadWriteMultipleRegisters(RequestSpan, readAddress, destination.Length, writeAddress, values.Span);
            ReadOnlyMemory<byte> pdu = await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
            ResponsePdu.ReadRegisters(pdu.Span, destination.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Channel.DisposeAsync().ConfigureAwait(false);
        _timeout.Dispose();
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frames the PDU in <see cref="SendBuffer"/>, sends it and waits for this transaction's response frame.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="pduLength">Length of the PDU at <see cref="PduOffset"/>.</param>
    /// <param name="request">The request, for matching.</param>
    /// <param name="cancellationToken">Cancelled at the attempt's timeout.</param>
    /// <returns>The response frame's PDU, or why none could be framed.</returns>
    internal abstract ValueTask<ExchangeResult> ExchangeAsync(byte unitId, int pduLength, ModbusRequest request, CancellationToken cancellationToken);

    /// <summary>Called after a failed attempt, before the retry: drop stale input or the connection.</summary>
    /// <param name="framingBroken">True when the stream can no longer be trusted (TCP closes it).</param>
    /// <returns>A task that completes when the channel is ready for a retry.</returns>
    internal abstract ValueTask RecoverAsync(bool framingBroken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadRegistersAsync(
        FunctionCode function, byte unitId, ushort address, Memory<ushort> destination, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new ModbusRequest(function, address, (ushort)destination.Length);
            int length = RequestPdu.EncodeRead(RequestSpan, function, address, destination.Length);
            ReadOnlyMemory<byte> pdu = await TransactAsync(unitId, length, request, cancellationToken).ConfigureAwait(false);
            ResponsePdu.ReadRegisters(pdu.Span, destination.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _gate.Wait(0, CancellationToken.None) ? ValueTask.CompletedTask : new ValueTask(_gate.WaitAsync(cancellationToken));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadOnlyMemory<byte>> TransactAsync(byte unitId, int pduLength, ModbusRequest request, CancellationToken cancellationToken)
    {
        int attempts = 1 + Options.Retries;
        Exception? lastFailure = null;
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0)
            {
                Counters.Retry();
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                if (!Channel.IsOpen)
                {
                    await Channel.OpenAsync(cancellationToken).ConfigureAwait(false);
                    Counters.Reconnect();
                    LogChannelOpened(Channel.Name);
                }

                long started = Stopwatch.GetTimestamp();
                Counters.Request();
                ExchangeResult result;
                CancellationToken token = StartTimeout(cancellationToken, out CancellationTokenRegistration link);
                try
                {
                    result = await ExchangeAsync(unitId, pduLength, request, token).ConfigureAwait(false);
                }
                finally
                {
                    await link.DisposeAsync().ConfigureAwait(false);
                }

                if (result.IsBroadcast)
                {
                    return ReadOnlyMemory<byte>.Empty;
                }

                DecodeStatus status = result.Status == DecodeStatus.Ok
                    ? ResponsePdu.Validate(result.Pdu.Span, request, out ExceptionCode code)
                    : Fail(result.Status, out code);
                if (status is DecodeStatus.Ok or DecodeStatus.ExceptionResponse)
                {
                    Counters.Response(Stopwatch.GetElapsedTime(started));
                    if (status == DecodeStatus.ExceptionResponse)
                    {
                        // The device answered: retrying a refused request gets the same refusal.
                        Counters.ExceptionResponse();
                        throw new ModbusExceptionResponseException(unitId, request.Function, code);
                    }

                    return result.Pdu;
                }

                Counters.ProtocolError();
                lastFailure = new ModbusProtocolException(unitId, request.Function, status);
                await RecoverAsync(framingBroken: result.Status != DecodeStatus.Ok).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Counters.Timeout();
                lastFailure = new ModbusTimeoutException(unitId, request.Function, attempt + 1, Options.ResponseTimeout);
                await RecoverAsync(framingBroken: false).ConfigureAwait(false);
            }
            catch (TransportException ex)
            {
                Counters.TransportError();
                lastFailure = ex;
                LogTransportFailure(Channel.Name, ex.Message);
                await Channel.CloseAsync().ConfigureAwait(false);
            }
        }

        throw lastFailure is ModbusTimeoutException
            ? new ModbusTimeoutException(unitId, request.Function, attempts, Options.ResponseTimeout)
            : lastFailure!;
    }

    private static DecodeStatus Fail(DecodeStatus status, out ExceptionCode code)
    {
        code = ExceptionCode.None;
        return status;
    }

    private CancellationToken StartTimeout(CancellationToken cancellationToken, out CancellationTokenRegistration link)
    {
        // One timeout source reused across transactions: no allocation while transactions succeed.
        if (!_timeout.TryReset())
        {
            _timeout.Dispose();
            _timeout = new CancellationTokenSource();
        }

        _timeout.CancelAfter(Options.ResponseTimeout);
        link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timeout)
            : default;
        return _timeout.Token;
    }

    private TimeSpan Backoff(int attempt)
    {
        double factor = Math.Pow(2, attempt - 1);
        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(Options.RetryBackoff.Ticks * factor, Options.MaxRetryBackoff.Ticks));
        return delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Modbus channel {Channel} opened")]
    private partial void LogChannelOpened(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus channel {Channel} failed: {Reason}")]
    private partial void LogTransportFailure(string channel, string reason);
}
