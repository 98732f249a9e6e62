using System.Collections.Concurrent;

namespace Hpms.Edge.Commands;

/// <summary>Running totals of the command handler (for metrics and tests).</summary>
public sealed class CommandCounters
{
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private long _received;
    private long _malformed;
    private long _executed;
    private long _failed;
    private long _errors;

    /// <summary>Gets the messages received on the command topics.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Gets the payloads that did not parse as a command (also counted as refused bad_request).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Gets the commands whose writes were all acknowledged.</summary>
    public long Executed => Interlocked.Read(ref _executed);

    /// <summary>Gets the commands that passed the checks but failed on the device.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Gets the unexpected errors of the message handler (logged, the handler went on).</summary>
    public long HandlerErrors => Interlocked.Read(ref _errors);

    /// <summary>Gets the refused commands by error code.</summary>
    public IReadOnlyDictionary<string, long> Refused => _refused;

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void CountMalformed() => Interlocked.Increment(ref _malformed);

    internal void CountExecuted() => Interlocked.Increment(ref _executed);

    internal void CountFailed() => Interlocked.Increment(ref _failed);

    internal void CountHandlerError() => Interlocked.Increment(ref _errors);

    internal void CountRefused(string errorCode) => _refused.AddOrUpdate(errorCode, 1, (_, n) => n + 1);
}
