using Hpms.Protocols.Transports.Modbus;

namespace Hpms.Edge.Polling;

/// <summary>
/// What happened on the wire for one device. On a shared line the master's counters are per line, so a
/// poll adds the master's change during that device's turn (the line is one request at a time).
/// </summary>
public sealed class DeviceCounters
{
    private long _polls;
    private long _failedPolls;
    private long _requests;
    private long _timeouts;
    private long _crcErrors;
    private long _exceptions;
    private long _protocolErrors;
    private long _transportErrors;
    private long _badPoints;
    private long _latencyTicksTotal;
    private long _latencySamples;

    /// <summary>Gets completed polls.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>Gets polls in which at least one read failed.</summary>
    public long FailedPolls => Interlocked.Read(ref _failedPolls);

    /// <summary>Gets requests sent (retries included).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets timeouts.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Gets replies with a bad CRC.</summary>
    public long CrcErrors => Interlocked.Read(ref _crcErrors);

    /// <summary>Gets exception responses.</summary>
    public long Exceptions => Interlocked.Read(ref _exceptions);

    /// <summary>Gets malformed or mismatched replies (wrong unit, wrong function, bad length).</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Gets connection and port failures.</summary>
    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    /// <summary>Gets points that could not be decoded.</summary>
    public long BadPoints => Interlocked.Read(ref _badPoints);

    /// <summary>Gets the mean time of a whole poll of the device.</summary>
    public TimeSpan MeanPollLatency
    {
        get
        {
            long samples = Interlocked.Read(ref _latencySamples);
            return samples == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicksTotal) / samples);
        }
    }

    /// <summary>Adds one poll: its duration, outcome and the master's counters before and after.</summary>
    /// <param name="duration">Time the poll took.</param>
    /// <param name="failed">Whether a read failed.</param>
    /// <param name="badPoints">Points that could not be decoded.</param>
    /// <param name="before">Master counters before.</param>
    /// <param name="after">Master counters after.</param>
    internal void AddPoll(TimeSpan duration, bool failed, int badPoints, CounterSnapshot before, CounterSnapshot after)
    {
        Interlocked.Increment(ref _polls);
        if (failed)
        {
            Interlocked.Increment(ref _failedPolls);
        }

        Interlocked.Add(ref _badPoints, badPoints);
        Interlocked.Add(ref _requests, after.Requests - before.Requests);
        Interlocked.Add(ref _timeouts, after.Timeouts - before.Timeouts);
        Interlocked.Add(ref _crcErrors, after.CrcErrors - before.CrcErrors);
        Interlocked.Add(ref _exceptions, after.Exceptions - before.Exceptions);
        Interlocked.Add(ref _protocolErrors, after.ProtocolErrors - before.ProtocolErrors);
        Interlocked.Add(ref _transportErrors, after.TransportErrors - before.TransportErrors);
        Interlocked.Add(ref _latencyTicksTotal, duration.Ticks);
        Interlocked.Increment(ref _latencySamples);
    }
}

/// <summary>A master's counters at one moment.</summary>
internal readonly record struct CounterSnapshot(long Requests, long Timeouts, long CrcErrors, long Exceptions, long ProtocolErrors, long TransportErrors)
{
    public static CounterSnapshot Of(ModbusMasterCounters c) =>
        new(c.Requests, c.Timeouts, c.CrcErrors, c.ExceptionResponses, c.ProtocolErrors, c.TransportErrors);
}
