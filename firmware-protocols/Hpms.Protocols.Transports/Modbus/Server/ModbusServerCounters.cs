namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>Running totals of one server, safe to read while it works.</summary>
public sealed class ModbusServerCounters
{
    private long _requests;
    private long _responses;
    private long _exceptions;
    private long _ignored;
    private long _malformed;
    private long _faults;
    private long _connections;

    /// <summary>Gets valid request frames received (any unit).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets responses sent, exception responses included.</summary>
    public long Responses => Interlocked.Read(ref _responses);

    /// <summary>Gets exception responses sent.</summary>
    public long ExceptionResponses => Interlocked.Read(ref _exceptions);

    /// <summary>Gets requests for unit ids this server does not serve (left unanswered).</summary>
    public long IgnoredRequests => Interlocked.Read(ref _ignored);

    /// <summary>Gets frames dropped as malformed (bad MBAP header, bad CRC, noise bytes).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Gets faults injected.</summary>
    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// <summary>Gets TCP connections accepted.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Response(bool isException)
    {
        Interlocked.Increment(ref _responses);
        if (isException)
        {
            Interlocked.Increment(ref _exceptions);
        }
    }

    internal void Ignored() => Interlocked.Increment(ref _ignored);

    internal void MalformedFrame(long count = 1) => Interlocked.Add(ref _malformed, count);

    internal void Fault() => Interlocked.Increment(ref _faults);

    internal void Connection() => Interlocked.Increment(ref _connections);
}
