using Hpms.Cloud.Operations;

namespace Hpms.Cloud.Ingest;

/// <summary>The ingest's counters on <c>/metrics</c> (<c>hpms_cloud_ingest_*</c>).</summary>
public sealed class IngestMetrics(IngestCounters counters, ITimeSeriesSink sink, TimeProvider time) : IMetricsSource
{
    /// <summary>Seconds from the newest point timestamp seen to now (0 before the first point).</summary>
    /// <returns>The lag.</returns>
    public double LagSeconds()
    {
        long newest = counters.NewestPointUnixMs;
        return newest == 0 ? 0 : Math.Max(0, (time.GetUtcNow().ToUnixTimeMilliseconds() - newest) / 1000.0);
    }

    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string messages = "hpms_cloud_ingest_messages_total";
        text.Counter(messages, "Messages accepted, by kind.", counters.Telemetry, ("kind", "telemetry"));
        text.Counter(messages, "Messages accepted, by kind.", counters.Events, ("kind", "event"));
        text.Counter(messages, "Messages accepted, by kind.", counters.States, ("kind", "state"));
        text.Counter("hpms_cloud_ingest_points_total", "Telemetry points accepted.", counters.Points);
        const string events = "hpms_cloud_ingest_events_total";
        text.Counter(events, "Events by outcome in the ledger.", counters.EventsHandled, ("outcome", "handled"));
        text.Counter(events, "Events by outcome in the ledger.", counters.EventsDuplicate, ("outcome", "duplicate"));
        foreach ((string reason, long count) in counters.DeadLetters().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Counter("hpms_cloud_ingest_dead_letters_total", "Messages refused, by reason.", count, ("reason", reason));
        }

        text.Counter("hpms_cloud_ingest_dead_letters_not_stored_total", "Dead letters counted but not stored (rate limit or store failure).", counters.DeadLettersNotStored);
        text.Counter("hpms_cloud_ingest_observer_failures_total", "Telemetry observer calls that threw.", counters.ObserverFailures);
        text.Counter("hpms_cloud_ingest_retries_total", "Handling attempts retried after a transient failure (message kept unacknowledged).", counters.Retried);
        foreach (IngestLane lane in Enum.GetValues<IngestLane>())
        {
            text.Counter("hpms_cloud_ingest_received_total", "MQTT messages received, before validation, by session.", counters.ReceivedOn(lane), ("lane", lane == IngestLane.Telemetry ? "telemetry" : "events"));
        }

        text.Counter("hpms_cloud_ingest_acknowledged_total", "Messages acknowledged to the broker after handling.", counters.Acknowledged);
        text.Counter("hpms_cloud_ingest_left_unacknowledged_total", "Messages given up unacknowledged (stopping or connection lost) for the broker to redeliver.", counters.LeftUnacknowledged);
        text.Gauge("hpms_cloud_ingest_in_flight", "Messages received and not yet acknowledged or given up.", counters.InFlight);
        const string stage = "hpms_cloud_ingest_handling";
        text.Gauge(stage, "In-flight messages by stage: waiting (for their topic's previous message or a slot) or running (in the processor).", counters.Waiting, ("stage", "waiting"));
        text.Gauge(stage, "In-flight messages by stage: waiting (for their topic's previous message or a slot) or running (in the processor).", counters.Running, ("stage", "running"));
        text.Gauge("hpms_cloud_ingest_unacked", "Messages held unacknowledged while retrying.", counters.Unacked);
        text.Counter("hpms_cloud_ingest_bin_stock_writes_total", "bin_stock rows written.", counters.BinStockWrites);
        text.Counter("hpms_cloud_ingest_devices_registered_total", "Devices registered from their tags.", counters.DevicesRegistered);
        text.Gauge("hpms_cloud_ingest_lag_seconds", "Now minus the newest telemetry point timestamp seen.", LagSeconds());
        text.Gauge("hpms_cloud_ingest_timeseries_queue_depth", "Records waiting in the time-series sink's durable queue.", sink.QueueDepth, ("sink", sink.Name));
    }
}
