using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Operations;

namespace Hpms.Cloud.WorkOrders;

/// <summary>Work-order counters for <c>/metrics</c>; the open-by-state gauge is the job's last snapshot.</summary>
public sealed class WorkOrderMetrics : IMetricsSource
{
    private long _dispatches;
    private long _unassignable;
    private long _unassignableNow;
    private long _escalations;
    private long _responseBreaches;
    private long _resolutionBreaches;
    private IReadOnlyDictionary<string, long> _openByState = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Counts a work order assigned by dispatch.</summary>
    public void Dispatched() => Interlocked.Increment(ref _dispatches);

    /// <summary>Records a dispatch run's work orders nobody could take.</summary>
    /// <param name="count">How many stayed unassigned.</param>
    public void Unassignable(int count)
    {
        Interlocked.Add(ref _unassignable, count);
        Interlocked.Exchange(ref _unassignableNow, count);
    }

    /// <summary>Counts an escalation and its breach.</summary>
    /// <param name="breach">The deadline missed.</param>
    public void Escalated(SlaBreach breach)
    {
        Interlocked.Increment(ref _escalations);
        if (breach == SlaBreach.Response)
        {
            Interlocked.Increment(ref _responseBreaches);
        }
        else if (breach == SlaBreach.Resolution)
        {
            Interlocked.Increment(ref _resolutionBreaches);
        }
    }

    /// <summary>Replaces the open-by-state snapshot.</summary>
    /// <param name="openByState">Count per state.</param>
    public void SetOpenByState(IReadOnlyDictionary<string, long> openByState) => Volatile.Write(ref _openByState, openByState);

    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyDictionary<string, long> open = Volatile.Read(ref _openByState);
        foreach (string state in WorkOrderStateText.All)
        {
            if (WorkOrderStateText.TryParse(state, out WorkOrderState s) && WorkOrderStateText.IsOpen(s))
            {
                text.Gauge("hpms_cloud_workorders_open", "Open work orders by state (at the last dispatch run).", open.GetValueOrDefault(state), ("state", state));
            }
        }

        text.Counter("hpms_cloud_workorders_dispatches_total", "Work orders assigned by automatic dispatch.", Interlocked.Read(ref _dispatches));
        text.Counter("hpms_cloud_workorders_unassignable_total", "Dispatch attempts that found no technician.", Interlocked.Read(ref _unassignable));
        text.Gauge("hpms_cloud_workorders_unassignable", "Work orders nobody could take at the last dispatch run.", Interlocked.Read(ref _unassignableNow));
        text.Counter("hpms_cloud_workorders_escalations_total", "SLA escalations (a work order reaching a higher level).", Interlocked.Read(ref _escalations));
        text.Counter("hpms_cloud_workorders_sla_breaches_total", "SLA breaches that escalated, by deadline.", Interlocked.Read(ref _responseBreaches), ("deadline", "response"));
        text.Counter("hpms_cloud_workorders_sla_breaches_total", "SLA breaches that escalated, by deadline.", Interlocked.Read(ref _resolutionBreaches), ("deadline", "resolution"));
    }
}
