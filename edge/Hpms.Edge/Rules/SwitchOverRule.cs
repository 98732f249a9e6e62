using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>Gas bank switch-over from a counter or a reserve-in-service flag (see <see cref="SwitchOverRuleOptions"/>).</summary>
internal sealed class SwitchOverRule(SwitchOverRuleOptions options) : CompiledRule(options, RuleEventKind.BankSwitchOver)
{
    private readonly string _channel = options.Channel;
    private readonly SwitchOverMode _mode = options.Mode;

    public override bool TryMatch(string channel, out string series, out bool secondary)
    {
        series = _channel;
        secondary = false;
        return string.Equals(channel, _channel, StringComparison.Ordinal);
    }

    public override SeriesState CreateState() => new SwitchOverState();

    public override bool Evaluate(SeriesState state, in TelemetryPoint point, string series, bool secondary, List<RuleEvent> events)
    {
        var s = (SwitchOverState)state;
        long at = point.TimestampUnixMs;
        if (at <= s.LastMs)
        {
            return false;
        }

        s.LastMs = at;
        if (_mode == SwitchOverMode.Counter)
        {
            CountSteps(s, point, series, events);
        }
        else
        {
            FollowFlag(s, point, series, events);
        }

        return true;
    }

    // The first reading is the baseline (no event); each later increase is one event however many steps it
    // holds; a decrease is a counter reset and becomes the new baseline.
    private void CountSteps(SwitchOverState s, in TelemetryPoint point, string series, List<RuleEvent> events)
    {
        double count = point.Value;
        if (s.LastCount is double last && count > last)
        {
            long at = point.TimestampUnixMs;
            string message = $"{series}: {Format(count - last)} switch-over(s) to the reserve bank (count {Format(last)} → {Format(count)})";
            events.Add(NewEvent(point, series, NewEventId(point, series, at), EventState.Momentary, at, null, count, last, null, point.Unit, message));
        }

        s.LastCount = count;
    }

    private void FollowFlag(SwitchOverState s, in TelemetryPoint point, string series, List<RuleEvent> events)
    {
        bool inService = point.Value >= 0.5;
        long at = point.TimestampUnixMs;
        if (inService && !s.Active)
        {
            s.Active = true;
            s.StartMs = at;
            s.EventId = NewEventId(point, series, at);
            events.Add(NewEvent(point, series, s.EventId, EventState.Active, at, null, 1, null, null, point.Unit, $"{series}: reserve bank in service"));
        }
        else if (!inService && s.Active)
        {
            events.Add(NewEvent(point, series, s.EventId ?? NewEventId(point, series, s.StartMs), EventState.Cleared, s.StartMs, at, 0, null, null,
                point.Unit, $"{series}: reserve bank no longer in service"));
            s.Active = false;
            s.EventId = null;
        }
    }
}
