using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>Door held open too long (see <see cref="DoorOpenRuleOptions"/>).</summary>
internal sealed class DoorOpenRule(DoorOpenRuleOptions options) : CompiledRule(options, RuleEventKind.DoorOpenTooLong)
{
    // A seconds counter that restarts lower than this much below the running estimate is a new opening.
    private const long NewOpeningToleranceMs = 2_000;

    private readonly string _channel = options.Channel;
    private readonly long _maxOpenMs = (long)options.MaxOpen.TotalMilliseconds;
    private readonly bool _valueIsSeconds = options.ValueIsSeconds;

    public override bool TryMatch(string channel, out string series, out bool secondary)
    {
        series = _channel;
        secondary = false;
        return string.Equals(channel, _channel, StringComparison.Ordinal);
    }

    public override SeriesState CreateState() => new DoorOpenState();

    public override bool Evaluate(SeriesState state, in TelemetryPoint point, string series, bool secondary, List<RuleEvent> events)
    {
        var s = (DoorOpenState)state;
        long at = point.TimestampUnixMs;
        if (at <= s.LastMs)
        {
            return false;
        }

        s.LastMs = at;
        bool open = _valueIsSeconds ? point.Value > 0 : point.Value >= 0.5;
        if (!open)
        {
            Close(s, point, series, at, events);
            return true;
        }

        long openedAt = _valueIsSeconds ? at - (long)(point.Value * 1000) : at;
        if (s.OpenSinceMs is long since && _valueIsSeconds && openedAt > since + NewOpeningToleranceMs)
        {
            // Closed and opened again between two polls.
            Close(s, point, series, openedAt, events);
        }

        s.OpenSinceMs ??= openedAt;
        long held = at - s.OpenSinceMs.Value;
        if (!s.Active && held >= _maxOpenMs)
        {
            s.Active = true;
            s.EventId = NewEventId(point, series, s.OpenSinceMs.Value);
            events.Add(NewEvent(point, series, s.EventId, EventState.Active, s.OpenSinceMs.Value, null, held / 1000.0,
                _maxOpenMs / 1000.0, null, "s", $"{series}: door open for {Minutes(held)} min (limit {Minutes(_maxOpenMs)} min)"));
        }

        return true;
    }

    private void Close(DoorOpenState s, in TelemetryPoint point, string series, long closedAt, List<RuleEvent> events)
    {
        if (s.Active && s.OpenSinceMs is long since)
        {
            long held = closedAt - since;
            events.Add(NewEvent(point, series, s.EventId ?? NewEventId(point, series, since), EventState.Cleared, since, closedAt,
                held / 1000.0, _maxOpenMs / 1000.0, null, "s", $"{series}: door closed after {Minutes(held)} min"));
        }

        s.Active = false;
        s.EventId = null;
        s.OpenSinceMs = null;
    }
}
