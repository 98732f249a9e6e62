using Hpms.Cloud.Ingest;
using Hpms.Cloud.Operations;
using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.Cloud.Tests.Ingest;

public sealed class IngestMetricsTests
{
    [Fact]
    public void WriteTo_ReportsCountersLagAndQueueDepth()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_010_000));
        var counters = new IngestCounters();
        counters.Accepted(IngestMessageKind.Telemetry);
        counters.PointsAccepted(3, 1_700_000_000_000);
        counters.PointsAccepted(2, 1_699_999_000_000);
        counters.DeadLetter(DeadLetterReasons.BadPayload);
        var text = new PrometheusText();

        new IngestMetrics(counters, new DepthSink(), time).WriteTo(text);

        string s = text.ToString();
        Assert.Contains("hpms_cloud_ingest_messages_total{kind=\"telemetry\"} 1\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_ingest_points_total 5\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_ingest_dead_letters_total{reason=\"bad-payload\"} 1\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_ingest_lag_seconds 10\n", s, StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_ingest_timeseries_queue_depth{sink=\"test\"} 42\n", s, StringComparison.Ordinal);
    }

    private sealed class DepthSink : ITimeSeriesSink
    {
        public string Name => "test";

        public long QueueDepth => 42;

        public bool Append(TelemetryBatch batch) => true;
    }
}
