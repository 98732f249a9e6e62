using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>Limit with on-delay, hysteresis and off-delay (see <see cref="ThresholdRuleOptions"/>).</summary>
internal sealed class ThresholdRule(ThresholdRuleOptions options) : CompiledRule(options, RuleEventKind.Threshold)
{
    private readonly string _channel = options.Channel;
    private readonly string? _limitChannel = string.IsNullOrWhiteSpace(options.LimitChannel) ? null : options.LimitChannel;
    private readonly double? _fixedLimit = options.Limit;
    private readonly ThresholdDirection _direction = options.Direction;
    private readonly long _onDelayMs = (long)options.OnDelay.TotalMilliseconds;
    private readonly long _offDelayMs = (long)options.OffDelay.TotalMilliseconds;
    private readonly double _hysteresis = options.Hysteresis;

    private bool IsHighLimit => _direction is ThresholdDirection.Above or ThresholdDirection.AtOrAbove;

    public override bool TryMatch(string channel, out string series, out bool secondary)
    {
        series = _channel;
        secondary = _limitChannel is not null && string.Equals(channel, _limitChannel, StringComparison.Ordinal);
        return secondary || string.Equals(channel, _channel, StringComparison.Ordinal);
    }

    public override SeriesState CreateState() => new ThresholdState();

    public override bool Evaluate(SeriesState state, in TelemetryPoint point, string series, bool secondary, List<RuleEvent> events)
    {
        var s = (ThresholdState)state;
        long at = point.TimestampUnixMs;
        if (secondary)
        {
            if (at <= s.LastLimitMs)
            {
                return false;
            }

            s.LastLimitMs = at;
            s.Limit = point.Value;
            return true;
        }

        if (at <= s.LastValueMs)
        {
            return false;
        }

        s.LastValueMs = at;
        if ((_fixedLimit ?? s.Limit) is not double limit)
        {
            // The limit channel has not been read yet: nothing to judge against.
            return true;
        }

        double value = point.Value;
        switch (s.Phase)
        {
            case AlarmPhase.Normal when Breached(value, limit):
                s.Phase = AlarmPhase.Pending;
                s.ConditionSinceMs = at;
                s.Peak = value;
                ActivateIfDelayElapsed(s, point, series, limit, events);
                break;
            case AlarmPhase.Pending when Breached(value, limit):
                s.Peak = Extreme(s.Peak, value);
                ActivateIfDelayElapsed(s, point, series, limit, events);
                break;
            case AlarmPhase.Pending:
                // One reading back inside the limit restarts the on-delay: chatter never raises the alarm.
                s.Phase = AlarmPhase.Normal;
                break;
            case AlarmPhase.Active when BackPastHysteresis(value, limit):
                s.Phase = AlarmPhase.Clearing;
                s.ClearingSinceMs = at;
                ClearIfDelayElapsed(s, point, series, limit, events);
                break;
            case AlarmPhase.Active:
                s.Peak = Extreme(s.Peak, value);
                break;
            case AlarmPhase.Clearing when BackPastHysteresis(value, limit):
                ClearIfDelayElapsed(s, point, series, limit, events);
                break;
            case AlarmPhase.Clearing:
                s.Phase = AlarmPhase.Active;
                s.Peak = Extreme(s.Peak, value);
                break;
        }

        return true;
    }

    private void ActivateIfDelayElapsed(ThresholdState s, in TelemetryPoint point, string series, double limit, List<RuleEvent> events)
    {
        long held = point.TimestampUnixMs - s.ConditionSinceMs;
        if (held < _onDelayMs)
        {
            return;
        }

        s.Phase = AlarmPhase.Active;
        s.EventId = NewEventId(point, series, s.ConditionSinceMs);
        string message = $"{series} {WithUnit(point.Value, point.Unit)} {Side()} limit {WithUnit(limit, point.Unit)} for {Minutes(held)} min";
        events.Add(NewEvent(point, series, s.EventId, EventState.Active, s.ConditionSinceMs, null, point.Value, limit, s.Peak, point.Unit, message));
    }

    private void ClearIfDelayElapsed(ThresholdState s, in TelemetryPoint point, string series, double limit, List<RuleEvent> events)
    {
        if (point.TimestampUnixMs - s.ClearingSinceMs < _offDelayMs)
        {
            return;
        }

        string message = $"{series} back to {WithUnit(point.Value, point.Unit)} (limit {WithUnit(limit, point.Unit)}, hysteresis {Format(_hysteresis)}); peak {WithUnit(s.Peak, point.Unit)}";
        events.Add(NewEvent(point, series, s.EventId ?? NewEventId(point, series, s.ConditionSinceMs), EventState.Cleared,
            s.ConditionSinceMs, s.ClearingSinceMs, point.Value, limit, s.Peak, point.Unit, message));
        s.Phase = AlarmPhase.Normal;
        s.EventId = null;
    }

    private bool Breached(double value, double limit) => _direction switch
    {
        ThresholdDirection.Above => value > limit,
        ThresholdDirection.AtOrAbove => value >= limit,
        ThresholdDirection.Below => value < limit,
        _ => value <= limit,
    };

    // Cleared means "no longer breaching the limit moved back by the hysteresis": for a high limit of 8 with
    // 0.5 hysteresis, a reading of 7.5 or less.
    private bool BackPastHysteresis(double value, double limit) =>
        !Breached(value, IsHighLimit ? limit - _hysteresis : limit + _hysteresis);

    private double Extreme(double peak, double value) => IsHighLimit ? Math.Max(peak, value) : Math.Min(peak, value);

    private string Side() => IsHighLimit ? "above" : "below";
}
