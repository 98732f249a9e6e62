using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>Rate of change over a window (see <see cref="RateOfChangeRuleOptions"/>).</summary>
internal sealed class RateOfChangeRule(RateOfChangeRuleOptions options) : CompiledRule(options, RuleEventKind.RateOfChange)
{
    private readonly string _channel = options.Channel;
    private readonly double _maxRate = options.MaxRatePerMinute;
    private readonly RateDirection _direction = options.Direction;
    private readonly long _windowMs = (long)options.Window.TotalMilliseconds;

    public override bool TryMatch(string channel, out string series, out bool secondary)
    {
        series = _channel;
        secondary = false;
        return string.Equals(channel, _channel, StringComparison.Ordinal);
    }

    public override SeriesState CreateState() => new RateOfChangeState();

    public override bool Evaluate(SeriesState state, in TelemetryPoint point, string series, bool secondary, List<RuleEvent> events)
    {
        var s = (RateOfChangeState)state;
        long at = point.TimestampUnixMs;
        if (at <= s.LastMs)
        {
            return false;
        }

        s.LastMs = at;
        double? rate = MeasureAndKeep(s, at, point.Value);
        if (rate is not double perMinute)
        {
            return true;
        }

        string unit = point.Unit.Length == 0 ? "/min" : point.Unit + "/min";
        bool breached = _direction switch
        {
            RateDirection.Rising => perMinute > _maxRate,
            RateDirection.Falling => perMinute < -_maxRate,
            _ => Math.Abs(perMinute) > _maxRate,
        };
        if (breached && !s.Active)
        {
            s.Active = true;
            s.StartMs = at;
            s.PeakRate = perMinute;
            s.EventId = NewEventId(point, series, at);
            events.Add(NewEvent(point, series, s.EventId, EventState.Active, at, null, perMinute, _maxRate, perMinute, unit,
                $"{series} changing at {WithUnit(perMinute, unit)} (limit {Format(_maxRate)} {unit})"));
        }
        else if (breached)
        {
            s.PeakRate = Math.Abs(perMinute) > Math.Abs(s.PeakRate) ? perMinute : s.PeakRate;
        }
        else if (s.Active)
        {
            events.Add(NewEvent(point, series, s.EventId ?? NewEventId(point, series, s.StartMs), EventState.Cleared, s.StartMs, at,
                perMinute, _maxRate, s.PeakRate, unit, $"{series} rate back to {WithUnit(perMinute, unit)}; peak {WithUnit(s.PeakRate, unit)}"));
            s.Active = false;
            s.EventId = null;
        }

        return true;
    }

    // The rate runs from the oldest kept reading inside the window to this one, once they are at least half a
    // window apart. Readings are kept a sixteenth of a window apart, so the state stays at ≤ 17 anchors
    // whatever the poll rate.
    private double? MeasureAndKeep(RateOfChangeState s, long at, double value)
    {
        List<RateAnchor> anchors = s.Anchors;
        int stale = 0;
        while (stale < anchors.Count && anchors[stale].AtMs < at - _windowMs)
        {
            stale++;
        }

        anchors.RemoveRange(0, stale);
        double? rate = null;
        if (anchors.Count > 0 && at - anchors[0].AtMs >= _windowMs / 2)
        {
            rate = (value - anchors[0].Value) / ((at - anchors[0].AtMs) / 60_000.0);
        }

        if (anchors.Count == 0 || at - anchors[^1].AtMs >= _windowMs / 16)
        {
            anchors.Add(new RateAnchor { AtMs = at, Value = value });
            if (anchors.Count > RateOfChangeState.MaxAnchors)
            {
                anchors.RemoveAt(0);
            }
        }

        return rate;
    }
}
