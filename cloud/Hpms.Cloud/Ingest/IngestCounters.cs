using System.Collections.Concurrent;

namespace Hpms.Cloud.Ingest;

/// <summary>Running totals of the ingest (thread-safe); <see cref="IngestMetrics"/> exposes them.</summary>
public sealed class IngestCounters
{
    private readonly ConcurrentDictionary<string, long> _deadLetters = new(StringComparer.Ordinal);
    private long _telemetry;
    private long _events;
    private long _states;
    private long _points;
    private long _eventsHandled;
    private long _eventsDuplicate;
    private long _deadLettersStored;
    private long _deadLettersNotStored;
    private long _observerFailures;
    private long _retried;
    private long _unacked;
    private long _newestPointUnixMs;
    private long _binStockWrites;
    private long _devicesRegistered;
    private long _statesOfUnknownDevices;
    private readonly long[] _receivedByLane = new long[Enum.GetValues<IngestLane>().Length];
    private long _acknowledged;
    private long _leftUnacknowledged;
    private long _waiting;
    private long _running;

    /// <summary>Gets MQTT messages received (before validation).</summary>
    public long Received => ReceivedOn(IngestLane.Telemetry) + ReceivedOn(IngestLane.Events);

    /// <summary>Gets MQTT messages received on one lane's session.</summary>
    /// <param name="lane">The lane.</param>
    /// <returns>The count.</returns>
    public long ReceivedOn(IngestLane lane) => Interlocked.Read(ref _receivedByLane[(int)lane]);

    /// <summary>Gets messages acknowledged to the broker after handling.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Gets messages given up unacknowledged (stopping, or the connection gone), for the broker to redeliver.</summary>
    public long LeftUnacknowledged => Interlocked.Read(ref _leftUnacknowledged);

    /// <summary>Gets messages received and not yet acknowledged or given up: waiting, handling, or handled and waiting for an earlier message's acknowledgement.</summary>
    public long InFlight => Received - Acknowledged - LeftUnacknowledged;

    /// <summary>Gets messages waiting for the one before them on their topic or for a handling slot.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>Gets messages inside the processor now.</summary>
    public long Running => Interlocked.Read(ref _running);

    /// <summary>Gets telemetry messages accepted.</summary>
    public long Telemetry => Interlocked.Read(ref _telemetry);

    /// <summary>Gets event messages accepted.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Gets state messages accepted.</summary>
    public long States => Interlocked.Read(ref _states);

    /// <summary>Gets telemetry points accepted.</summary>
    public long Points => Interlocked.Read(ref _points);

    /// <summary>Gets events recorded and handled for the first time.</summary>
    public long EventsHandled => Interlocked.Read(ref _eventsHandled);

    /// <summary>Gets events already in the ledger (redeliveries).</summary>
    public long EventsDuplicate => Interlocked.Read(ref _eventsDuplicate);

    /// <summary>Gets dead letters written to the table.</summary>
    public long DeadLettersStored => Interlocked.Read(ref _deadLettersStored);

    /// <summary>Gets dead letters counted but not stored (over the rate limit, or the store failed).</summary>
    public long DeadLettersNotStored => Interlocked.Read(ref _deadLettersNotStored);

    /// <summary>Gets observer calls that threw.</summary>
    public long ObserverFailures => Interlocked.Read(ref _observerFailures);

    /// <summary>Gets handling attempts that failed transiently and were retried (the message stayed unacknowledged).</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Gets messages being held unacknowledged right now (waiting to be retried).</summary>
    public long Unacked => Interlocked.Read(ref _unacked);

    /// <summary>Gets the newest point timestamp seen, Unix ms (0 before the first).</summary>
    public long NewestPointUnixMs => Interlocked.Read(ref _newestPointUnixMs);

    /// <summary>Gets <c>bin_stock</c> rows written.</summary>
    public long BinStockWrites => Interlocked.Read(ref _binStockWrites);

    /// <summary>Gets devices registered from their payload's tags.</summary>
    public long DevicesRegistered => Interlocked.Read(ref _devicesRegistered);

    /// <summary>Gets state messages of devices not in the table (ignored: a state carries no class to register by).</summary>
    public long StatesOfUnknownDevices => Interlocked.Read(ref _statesOfUnknownDevices);

    /// <summary>Dead letters by reason.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyDictionary<string, long> DeadLetters() => new Dictionary<string, long>(_deadLetters, StringComparer.Ordinal);

    /// <summary>Dead letters of one reason.</summary>
    /// <param name="reason">A <see cref="DeadLetterReasons"/> value.</param>
    /// <returns>The count.</returns>
    public long DeadLettersOf(string reason) => _deadLetters.TryGetValue(reason, out long n) ? n : 0;

    internal void MessageReceived(IngestLane lane)
    {
        Interlocked.Increment(ref _receivedByLane[(int)lane]);
        Interlocked.Increment(ref _waiting);
    }

    internal void HandlingStarted()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _running);
    }

    internal void HandlingEnded() => Interlocked.Decrement(ref _running);

    /// <summary>A message that never reached the processor (its topic's previous message failed, or stopping).</summary>
    internal void NotHandled() => Interlocked.Decrement(ref _waiting);

    internal void MessageAcknowledged(bool acknowledged) => Interlocked.Increment(ref acknowledged ? ref _acknowledged : ref _leftUnacknowledged);

    internal void Accepted(IngestMessageKind kind)
    {
        switch (kind)
        {
            case IngestMessageKind.Telemetry: Interlocked.Increment(ref _telemetry); break;
            case IngestMessageKind.Event: Interlocked.Increment(ref _events); break;
            default: Interlocked.Increment(ref _states); break;
        }
    }

    internal void PointsAccepted(int count, long newestUnixMs)
    {
        Interlocked.Add(ref _points, count);
        long held = Interlocked.Read(ref _newestPointUnixMs);
        while (newestUnixMs > held)
        {
            long seen = Interlocked.CompareExchange(ref _newestPointUnixMs, newestUnixMs, held);
            if (seen == held)
            {
                break;
            }

            held = seen;
        }
    }

    internal void EventHandled(bool duplicate) => Interlocked.Increment(ref duplicate ? ref _eventsDuplicate : ref _eventsHandled);

    internal void DeadLetter(string reason) => _deadLetters.AddOrUpdate(reason, 1, (_, n) => n + 1);

    internal void DeadLetterStored(bool stored) => Interlocked.Increment(ref stored ? ref _deadLettersStored : ref _deadLettersNotStored);

    internal void ObserverFailed() => Interlocked.Increment(ref _observerFailures);

    internal void RetryStarted() => Interlocked.Increment(ref _retried);

    internal void Holding(bool holding) => Interlocked.Add(ref _unacked, holding ? 1 : -1);

    internal void BinStockWritten(int rows) => Interlocked.Add(ref _binStockWrites, rows);

    internal void DeviceRegistered() => Interlocked.Increment(ref _devicesRegistered);

    internal void StateOfUnknownDevice() => Interlocked.Increment(ref _statesOfUnknownDevices);
}
