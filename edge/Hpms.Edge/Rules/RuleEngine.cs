using System.Text.Json;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Rules;

/// <summary>
/// Local rules over a stream of telemetry points, so alarms fire while the WAN is down. Pure and
/// deterministic: time is the points' own timestamps, never a clock, so a replay of the same points gives the
/// same events with the same ids. Not thread-safe: feed it from one pipeline stage.
/// <para>
/// Only good, finite readings count. Bad and stale readings neither trigger, clear, nor restart a delay: the
/// engine knows nothing new from them, and a dead sensor must not clear a live alarm (nor a stale value raise
/// one). Delays are measured between good readings' timestamps. A point not newer than the last one a rule
/// saw for that series is skipped, so replaying points already processed emits nothing twice.
/// </para>
/// </summary>
public sealed class RuleEngine
{
    private const char KeySeparator = '\u001f';

    private readonly RuleSet _rules;
    private readonly List<RuleEvent> _scratch = [];
    private Dictionary<string, SeriesState> _states = new(StringComparer.Ordinal);

    /// <summary>Builds the engine for a validated configuration.</summary>
    /// <param name="options">Rules (see <see cref="RulesOptionsValidator"/>).</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every error.</exception>
    public RuleEngine(RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = RulesOptionsValidator.Collect(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid rules: " + string.Join("; ", errors), nameof(options));
        }

        _rules = new RuleSet(options);
    }

    /// <summary>What the engine did with its input.</summary>
    public RuleEngineCounters Counters { get; } = new();

    /// <summary>Series with state (one per rule, device and channel or bin); the snapshot holds as many entries.</summary>
    public int SeriesCount => _states.Count;

    /// <summary>Feeds one point through the device's rules.</summary>
    /// <param name="point">A reading.</param>
    /// <returns>Events it caused, in rule order (usually none).</returns>
    public IReadOnlyList<RuleEvent> Process(in TelemetryPoint point)
    {
        Counters.Points++;
        if (point.Quality != Quality.Good)
        {
            Counters.IgnoredNotGood++;
            return [];
        }

        if (!double.IsFinite(point.Value))
        {
            Counters.IgnoredNotFinite++;
            return [];
        }

        _scratch.Clear();
        foreach (CompiledRule rule in _rules.For(point.Device))
        {
            if (!rule.TryMatch(point.Channel, out string series, out bool secondary))
            {
                continue;
            }

            SeriesState state = StateOf(rule, point.Device, series);
            if (!rule.Evaluate(state, point, series, secondary, _scratch))
            {
                Counters.IgnoredOutOfOrder++;
            }
        }

        if (_scratch.Count == 0)
        {
            return [];
        }

        Counters.Events += _scratch.Count;
        foreach (RuleEvent e in _scratch)
        {
            Counters.CountEvent(e.Kind);
        }

        return [.. _scratch];
    }

    /// <summary>Feeds points in order and collects their events.</summary>
    /// <param name="points">Readings.</param>
    /// <returns>All events, in order.</returns>
    public IReadOnlyList<RuleEvent> ProcessAll(IEnumerable<TelemetryPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var events = new List<RuleEvent>();
        foreach (TelemetryPoint point in points)
        {
            events.AddRange(Process(point));
        }

        return events;
    }

    /// <summary>The running cold-chain statistics of every fridge channel seen.</summary>
    /// <returns>One entry per cold-chain rule and device.</returns>
    public IReadOnlyList<ColdChainStatistics> GetColdChainStatistics()
    {
        var result = new List<ColdChainStatistics>();
        foreach ((string key, SeriesState state) in _states)
        {
            if (state is not ColdChainState s)
            {
                continue;
            }

            string[] parts = key.Split(KeySeparator);
            result.Add(new ColdChainStatistics(parts[0], parts[1], parts[2], parts[3], s.SampleCount, s.Min, s.Max,
                TimeSpan.FromMilliseconds(s.OutOfRangeMs), TimeSpan.FromMilliseconds(s.CoveredMs),
                MeanKineticTemperature.FromSums(s.SumWeightMs, s.CoveredMs), s.FirstMs, s.LastMs));
        }

        return result;
    }

    /// <summary>
    /// The whole rule state as compact JSON: persist it (e.g. every minute and at shutdown) and hand it to
    /// <see cref="RestoreSnapshot"/> after a restart, so an active alarm stays active under its id and is not
    /// raised a second time.
    /// </summary>
    /// <returns>The snapshot.</returns>
    public string CreateSnapshot() =>
        JsonSerializer.Serialize(new RuleSnapshotDocument { Series = _states }, RuleSnapshotJsonContext.Default.RuleSnapshotDocument);

    /// <summary>Replaces the rule state by a snapshot's; leaves it untouched when the snapshot is unusable.</summary>
    /// <param name="snapshotJson">A string from <see cref="CreateSnapshot"/> (untrusted: a torn file gives <see cref="RuleSnapshotStatus.Malformed"/>).</param>
    /// <returns>What happened.</returns>
    public RuleSnapshotStatus RestoreSnapshot(string snapshotJson)
    {
        ArgumentNullException.ThrowIfNull(snapshotJson);
        RuleSnapshotDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(snapshotJson, RuleSnapshotJsonContext.Default.RuleSnapshotDocument);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            document = null;
        }

        RuleSnapshotStatus status = document switch
        {
            null => RuleSnapshotStatus.Malformed,
            { Version: not RuleSnapshotDocument.CurrentVersion } => RuleSnapshotStatus.UnsupportedVersion,
            _ when document.Series.Any(entry => entry.Value is null || entry.Key.Split(KeySeparator).Length != 4) => RuleSnapshotStatus.Malformed,
            _ => RuleSnapshotStatus.Restored,
        };
        if (status != RuleSnapshotStatus.Restored)
        {
            Counters.SnapshotsRejected++;
            return status;
        }

        _states = new Dictionary<string, SeriesState>(document!.Series, StringComparer.Ordinal);
        return status;
    }

    private SeriesState StateOf(CompiledRule rule, DeviceTags device, string series)
    {
        string key = string.Join(KeySeparator, rule.Id, device.Site, device.DeviceId, series);
        if (_states.TryGetValue(key, out SeriesState? state) && rule.Fits(state))
        {
            return state;
        }

        // New series, or the rule's kind changed under the same id since the snapshot: start afresh.
        state = rule.CreateState();
        _states[key] = state;
        return state;
    }
}
