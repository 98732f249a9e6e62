namespace Hpms.Edge.MqttDevices;

/// <summary>What one MQTT-native device sent, counted (read from any thread).</summary>
public sealed class MqttDeviceCounters
{
    private long _reports;
    private long _events;
    private long _badPayloads;
    private long _sequenceGaps;
    private long _missedMessages;
    private long _duplicates;
    private long _restarts;

    /// <summary>Gets reports accepted and normalised.</summary>
    public long Reports => Interlocked.Read(ref _reports);

    /// <summary>Gets events accepted.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Gets payloads the codec refused.</summary>
    public long BadPayloads => Interlocked.Read(ref _badPayloads);

    /// <summary>Gets jumps in the sequence (each one is a run of lost messages, e.g. QoS 0 reports).</summary>
    public long SequenceGaps => Interlocked.Read(ref _sequenceGaps);

    /// <summary>Gets messages the gaps skipped.</summary>
    public long MissedMessages => Interlocked.Read(ref _missedMessages);

    /// <summary>Gets messages repeating the last sequence (QoS 1 redelivery), dropped.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Gets times the sequence went backwards (the device restarted), accepted.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Gets the last sequence seen, or -1 before the first message.</summary>
    public long LastSequence { get; private set; } = -1;

    internal void Report() => Interlocked.Increment(ref _reports);

    internal void Event() => Interlocked.Increment(ref _events);

    internal void BadPayload() => Interlocked.Increment(ref _badPayloads);

    /// <summary>Checks a message's sequence against the last one.</summary>
    /// <param name="sequence">The message's sequence.</param>
    /// <returns>False for a duplicate (to be dropped).</returns>
    internal bool Sequence(long sequence)
    {
        long last = LastSequence;
        if (last >= 0 && sequence == last)
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }

        if (last >= 0 && sequence > last + 1)
        {
            Interlocked.Increment(ref _sequenceGaps);
            Interlocked.Add(ref _missedMessages, sequence - last - 1);
        }
        else if (last >= 0 && sequence < last)
        {
            Interlocked.Increment(ref _restarts);
        }

        LastSequence = sequence;
        return true;
    }
}
