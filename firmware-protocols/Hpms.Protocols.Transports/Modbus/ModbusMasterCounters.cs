namespace Hpms.Protocols.Transports.Modbus;

/// <summary>Running totals of one master, safe to read while it works (per device when one master serves one device).</summary>
public sealed class ModbusMasterCounters
{
    private long _requests;
    private long _responses;
    private long _timeouts;
    private long _crcErrors;
    private long _exceptionResponses;
    private long _protocolErrors;
    private long _transportErrors;
    private long _reconnects;
    private long _retries;
    private long _staleResponses;
    private long _latencyTicksTotal;

    /// <summary>Gets requests sent, retries included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets valid responses (normal or exception).</summary>
    public long Responses => Interlocked.Read(ref _responses);

    /// <summary>Gets attempts that ran out of time.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Gets frames dropped for a bad CRC (RTU).</summary>
    public long CrcErrors => Interlocked.Read(ref _crcErrors);

    /// <summary>Gets exception responses received.</summary>
    public long ExceptionResponses => Interlocked.Read(ref _exceptionResponses);

    /// <summary>Gets responses that were malformed or did not match the request.</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Gets socket or port failures.</summary>
    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    /// <summary>Gets times the channel was (re)opened.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Gets repeated attempts.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Gets TCP responses to an earlier, timed-out transaction that were skipped.</summary>
    public long StaleResponses => Interlocked.Read(ref _staleResponses);

    /// <summary>Gets the mean request-to-response time of successful attempts.</summary>
    public TimeSpan MeanLatency
    {
        get
        {
            long responses = Responses;
            return responses == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicksTotal) / responses);
        }
    }

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Response(TimeSpan latency)
    {
        Interlocked.Increment(ref _responses);
        Interlocked.Add(ref _latencyTicksTotal, latency.Ticks);
    }

    internal void Timeout() => Interlocked.Increment(ref _timeouts);

    internal void CrcError(long count) => Interlocked.Add(ref _crcErrors, count);

    internal void ExceptionResponse() => Interlocked.Increment(ref _exceptionResponses);

    internal void ProtocolError() => Interlocked.Increment(ref _protocolErrors);

    internal void TransportError() => Interlocked.Increment(ref _transportErrors);

    internal void Reconnect() => Interlocked.Increment(ref _reconnects);

    internal void Retry() => Interlocked.Increment(ref _retries);

    internal void StaleResponse() => Interlocked.Increment(ref _staleResponses);
}
