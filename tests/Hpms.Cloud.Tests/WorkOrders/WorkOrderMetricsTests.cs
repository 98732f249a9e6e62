using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Operations;
using Hpms.Cloud.WorkOrders;

namespace Hpms.Cloud.Tests.WorkOrders;

public sealed class WorkOrderMetricsTests
{
    [Fact]
    public void WriteTo_ReportsCountersAndTheOpenSnapshot()
    {
        var metrics = new WorkOrderMetrics();
        metrics.Dispatched();
        metrics.Dispatched();
        metrics.Unassignable(3);
        metrics.Unassignable(1);
        metrics.Escalated(SlaBreach.Response);
        metrics.Escalated(SlaBreach.Resolution);
        metrics.Escalated(SlaBreach.Response);
        metrics.SetOpenByState(new Dictionary<string, long>(StringComparer.Ordinal) { ["created"] = 4, ["in_progress"] = 2 });
        var text = new PrometheusText();

        metrics.WriteTo(text);
        string[] lines = text.ToString().Split('\n');

        Assert.Contains("hpms_cloud_workorders_open{state=\"created\"} 4", lines);
        Assert.Contains("hpms_cloud_workorders_open{state=\"in_progress\"} 2", lines);
        Assert.Contains("hpms_cloud_workorders_open{state=\"assigned\"} 0", lines);
        Assert.DoesNotContain(lines, l => l.Contains("state=\"closed\"", StringComparison.Ordinal));
        Assert.Contains("hpms_cloud_workorders_dispatches_total 2", lines);
        Assert.Contains("hpms_cloud_workorders_unassignable_total 4", lines);
        Assert.Contains("hpms_cloud_workorders_unassignable 1", lines);
        Assert.Contains("hpms_cloud_workorders_escalations_total 3", lines);
        Assert.Contains("hpms_cloud_workorders_sla_breaches_total{deadline=\"response\"} 2", lines);
        Assert.Contains("hpms_cloud_workorders_sla_breaches_total{deadline=\"resolution\"} 1", lines);
    }
}
