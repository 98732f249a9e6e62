using System.Globalization;
using System.Text;
using System.Text.Json;
using Hpms.Edge.Devices;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;

namespace Hpms.Edge.Operations;

/// <summary>Renders the gateway's counters as Prometheus text and its health as JSON.</summary>
public sealed class EdgeMetrics(PollingService polling, LatestReadings latest, TimeProvider clock, IServiceProvider services)
{
    /// <summary>Prometheus text exposition (version 0.0.4).</summary>
    /// <returns>The text.</returns>
    public string Prometheus()
    {
        var text = new StringBuilder();
        Counter(text, "hpms_edge_device_polls_total", "Completed polls per device.", d => d.Counters.Polls);
        Counter(text, "hpms_edge_device_failed_polls_total", "Polls in which a read failed.", d => d.Counters.FailedPolls);
        Counter(text, "hpms_edge_device_requests_total", "Modbus requests sent, retries included.", d => d.Counters.Requests);
        Counter(text, "hpms_edge_device_timeouts_total", "Requests that timed out.", d => d.Counters.Timeouts);
        Counter(text, "hpms_edge_device_crc_errors_total", "Replies with a bad CRC.", d => d.Counters.CrcErrors);
        Counter(text, "hpms_edge_device_exceptions_total", "Modbus exception responses.", d => d.Counters.Exceptions);
        Counter(text, "hpms_edge_device_protocol_errors_total", "Malformed or mismatched replies.", d => d.Counters.ProtocolErrors);
        Counter(text, "hpms_edge_device_bad_points_total", "Points that could not be decoded.", d => d.Counters.BadPoints);
        Gauge(text, "hpms_edge_device_poll_seconds", "Mean time of a whole poll.", d => d.Counters.MeanPollLatency.TotalSeconds);
        Gauge(text, "hpms_edge_device_up", "1 when the last poll was answered.", d => latest.ByDevice.TryGetValue(d.Options.Id, out DeviceReading? r) && r.Succeeded ? 1 : 0);
        text.Append("# HELP hpms_edge_readings_total Readings handed to the pipeline.\n# TYPE hpms_edge_readings_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"hpms_edge_readings_total {latest.Count}\n");
        text.Append("# HELP hpms_edge_points_total Channel values handed to the pipeline.\n# TYPE hpms_edge_points_total counter\n");
        text.Append(CultureInfo.InvariantCulture, $"hpms_edge_points_total {latest.Points}\n");
        if (services.GetService(typeof(Uplink.UplinkService)) is Uplink.UplinkService uplink)
        {
            foreach (Hpms.Telemetry.Forwarding.QueuePump pump in uplink.Pumps)
            {
                string sink = Escape(pump.Sender.Name);
                Hpms.Telemetry.Buffering.DurableQueueCounters q = pump.Queue.Counters;
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_sink_records_sent_total{{sink=\"{sink}\"}} {pump.RecordsSent}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_sink_records_rejected_total{{sink=\"{sink}\"}} {pump.RejectedRecords}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_sink_failed_attempts_total{{sink=\"{sink}\"}} {pump.FailedAttempts}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_depth_records{{sink=\"{sink}\"}} {q.DepthRecords}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_depth_bytes{{sink=\"{sink}\"}} {q.DepthBytes}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_dropped_total{{sink=\"{sink}\",kind=\"telemetry\"}} {q.DroppedTelemetry}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_dropped_total{{sink=\"{sink}\",kind=\"event\"}} {q.DroppedEvents}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Health as JSON: status (ok / degraded / starting), devices answering, devices failing by id.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] HealthJson()
    {
        IReadOnlyList<EdgeDevice> devices = polling.Devices;
        string[] failing = [.. devices.Where(d => latest.ByDevice.TryGetValue(d.Options.Id, out DeviceReading? r) && !r.Succeeded).Select(d => d.Options.Id)];
        int answered = devices.Count(d => latest.ByDevice.TryGetValue(d.Options.Id, out DeviceReading? r) && r.Succeeded);
        string status = devices.Count == 0 || latest.Count == 0 ? "starting" : failing.Length == 0 ? "ok" : "degraded";
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            status,
            time = clock.GetUtcNow(),
            devices = devices.Count,
            answering = answered,
            failing,
            readings = latest.Count,
        });
    }

    private void Counter(StringBuilder text, string name, string help, Func<EdgeDevice, long> value) =>
        Family(text, name, help, "counter", d => value(d).ToString(CultureInfo.InvariantCulture));

    private void Gauge(StringBuilder text, string name, string help, Func<EdgeDevice, double> value) =>
        Family(text, name, help, "gauge", d => value(d).ToString("R", CultureInfo.InvariantCulture));

    private void Family(StringBuilder text, string name, string help, string type, Func<EdgeDevice, string> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (EdgeDevice d in polling.Devices)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{device=\"{Escape(d.Options.Id)}\",class=\"{Escape(d.Tags.DeviceClass)}\",line=\"{Escape(d.LineKey)}\"}} {value(d)}\n");
        }
    }

    private static string Escape(string label) =>
        label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
