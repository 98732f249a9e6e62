namespace Hpms.Edge.Rules;

/// <summary>What the engine did with its input, for metrics. Not part of the snapshot.</summary>
public sealed class RuleEngineCounters
{
    private readonly long[] _eventsByKind = new long[Enum.GetValues<RuleEventKind>().Length];

    /// <summary>Points handed to <see cref="RuleEngine.Process"/>.</summary>
    public long Points { get; internal set; }

    /// <summary>Points ignored because their quality was bad or stale.</summary>
    public long IgnoredNotGood { get; internal set; }

    /// <summary>Points ignored because their value was NaN or infinite.</summary>
    public long IgnoredNotFinite { get; internal set; }

    /// <summary>Evaluations skipped because the point was not newer than the series' last one (replays, duplicates).</summary>
    public long IgnoredOutOfOrder { get; internal set; }

    /// <summary>Events emitted (active, cleared and momentary).</summary>
    public long Events { get; internal set; }

    /// <summary>Events emitted by a rule family (read from any thread).</summary>
    /// <param name="kind">The family.</param>
    /// <returns>Its events so far.</returns>
    public long EventsOf(RuleEventKind kind) => Interlocked.Read(ref _eventsByKind[(int)kind]);

    /// <summary>Snapshots refused by <see cref="RuleEngine.RestoreSnapshot"/>.</summary>
    public long SnapshotsRejected { get; internal set; }

    internal void CountEvent(RuleEventKind kind) => Interlocked.Increment(ref _eventsByKind[(int)kind]);
}
