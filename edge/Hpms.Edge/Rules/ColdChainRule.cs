using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>Cold-chain statistics and excursion reports (see <see cref="ColdChainRuleOptions"/>).</summary>
internal sealed class ColdChainRule(ColdChainRuleOptions options) : CompiledRule(options, RuleEventKind.ColdChainExcursion)
{
    private readonly string _channel = options.Channel;
    private readonly double _low = options.LowC;
    private readonly double _high = options.HighC;
    private readonly long _maxGapMs = (long)options.MaxSampleGap.TotalMilliseconds;
    private readonly long _minReportedMs = (long)options.MinReportedExcursion.TotalMilliseconds;

    public override bool TryMatch(string channel, out string series, out bool secondary)
    {
        series = _channel;
        secondary = false;
        return string.Equals(channel, _channel, StringComparison.Ordinal);
    }

    public override SeriesState CreateState() => new ColdChainState();

    public override bool Evaluate(SeriesState state, in TelemetryPoint point, string series, bool secondary, List<RuleEvent> events)
    {
        var s = (ColdChainState)state;
        long at = point.TimestampUnixMs;
        if (at <= s.LastMs)
        {
            return false;
        }

        AttributeInterval(s, at);
        double value = point.Value;
        s.FirstMs ??= at;
        s.LastMs = at;
        s.LastValue = value;
        s.SampleCount++;
        s.Min = s.Min is double min ? Math.Min(min, value) : value;
        s.Max = s.Max is double max ? Math.Max(max, value) : value;

        if (Deviation(value) > 0)
        {
            if (s.ExcursionStartMs is null)
            {
                s.ExcursionStartMs = at;
                s.ExcursionPeak = value;
                s.ExcursionOutMs = 0;
                s.ExcursionSumWeightMs = 0;
            }
            else if (Deviation(value) > Deviation(s.ExcursionPeak))
            {
                s.ExcursionPeak = value;
            }
        }
        else if (s.ExcursionStartMs is long start)
        {
            EndExcursion(s, point, series, start, events);
        }

        return true;
    }

    // Sample-and-hold: the previous reading stands for the time up to this one, unless the gap is too long to
    // vouch for (then that time counts nowhere).
    private void AttributeInterval(ColdChainState s, long at)
    {
        if (s.LastMs is not long previous || at - previous > _maxGapMs)
        {
            return;
        }

        long dt = at - previous;
        double weighted = dt * MeanKineticTemperature.Weight(s.LastValue);
        s.CoveredMs += dt;
        s.SumWeightMs += weighted;
        if (Deviation(s.LastValue) > 0)
        {
            s.OutOfRangeMs += dt;
        }

        if (s.ExcursionStartMs is not null)
        {
            s.ExcursionOutMs += dt;
            s.ExcursionSumWeightMs += weighted;
        }
    }

    private void EndExcursion(ColdChainState s, in TelemetryPoint point, string series, long start, List<RuleEvent> events)
    {
        var report = new ExcursionReport(start, point.TimestampUnixMs, s.ExcursionPeak, TimeSpan.FromMilliseconds(s.ExcursionOutMs),
            MeanKineticTemperature.FromSums(s.ExcursionSumWeightMs, s.ExcursionOutMs));
        if (s.ExcursionOutMs >= _minReportedMs)
        {
            double limit = s.ExcursionPeak > _high ? _high : _low;
            string mkt = report.MeanKineticTemperatureC is double m ? WithUnit(m, point.Unit) : "n/a";
            string message = $"{series} out of {Format(_low)}–{Format(_high)} for {Minutes(s.ExcursionOutMs)} min, peak {WithUnit(s.ExcursionPeak, point.Unit)}, MKT {mkt}";
            events.Add(NewEvent(point, series, NewEventId(point, series, start), EventState.Cleared, start, point.TimestampUnixMs,
                point.Value, limit, s.ExcursionPeak, point.Unit, message, report));
        }

        s.ExcursionStartMs = null;
        s.ExcursionPeak = 0;
        s.ExcursionOutMs = 0;
        s.ExcursionSumWeightMs = 0;
    }

    private double Deviation(double value) => value > _high ? value - _high : value < _low ? _low - value : 0;
}
