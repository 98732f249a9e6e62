using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>Stock at or below the reorder point, per bin (see <see cref="StockReorderRuleOptions"/>).</summary>
internal sealed class StockReorderRule(StockReorderRuleOptions options) : CompiledRule(options, RuleEventKind.StockBelowReorderPoint)
{
    private readonly string _prefix = options.BinPrefix;
    private readonly string _countSuffix = options.CountSuffix;
    private readonly string _reorderSuffix = options.ReorderPointSuffix;

    public override bool TryMatch(string channel, out string series, out bool secondary)
    {
        series = "";
        secondary = false;
        if (!channel.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // The longer suffix first, in case one ends the other.
        (string first, bool firstIsReorder, string second) = _reorderSuffix.Length >= _countSuffix.Length
            ? (_reorderSuffix, true, _countSuffix)
            : (_countSuffix, false, _reorderSuffix);
        if (Strip(channel, first, out series))
        {
            secondary = firstIsReorder;
            return true;
        }

        if (Strip(channel, second, out series))
        {
            secondary = !firstIsReorder;
            return true;
        }

        return false;
    }

    public override SeriesState CreateState() => new StockReorderState();

    public override bool Evaluate(SeriesState state, in TelemetryPoint point, string series, bool secondary, List<RuleEvent> events)
    {
        var s = (StockReorderState)state;
        long at = point.TimestampUnixMs;
        if (secondary)
        {
            if (at <= s.LastReorderPointMs)
            {
                return false;
            }

            s.LastReorderPointMs = at;
            s.ReorderPoint = point.Value;
        }
        else
        {
            if (at <= s.LastCountMs)
            {
                return false;
            }

            s.LastCountMs = at;
            s.Count = point.Value;
        }

        if (s.Count is not double count || s.ReorderPoint is not double reorderPoint)
        {
            return true;
        }

        // A reorder point of 0 marks a bin nobody manages (an unused bin reads 0 everywhere): never low.
        bool low = reorderPoint > 0 && count <= reorderPoint;
        if (low && !s.Active)
        {
            s.Active = true;
            s.StartMs = at;
            s.Lowest = count;
            s.EventId = NewEventId(point, series, at);
            events.Add(NewEvent(point, series, s.EventId, EventState.Active, at, null, count, reorderPoint, count, "pcs",
                $"{series}: {Format(count)} on hand, at or below reorder point {Format(reorderPoint)}"));
        }
        else if (low)
        {
            s.Lowest = Math.Min(s.Lowest, count);
        }
        else if (s.Active)
        {
            events.Add(NewEvent(point, series, s.EventId ?? NewEventId(point, series, s.StartMs), EventState.Cleared, s.StartMs, at,
                count, reorderPoint, s.Lowest, "pcs", $"{series}: restocked to {Format(count)} (reorder point {Format(reorderPoint)})"));
            s.Active = false;
            s.EventId = null;
        }

        return true;
    }

    private static bool Strip(string channel, string suffix, out string bin)
    {
        bool match = channel.Length > suffix.Length && channel.EndsWith(suffix, StringComparison.Ordinal);
        bin = match ? channel[..^suffix.Length] : "";
        return match;
    }
}
