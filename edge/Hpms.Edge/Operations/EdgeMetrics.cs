using System.Globalization;
using System.Text;
using System.Text.Json;
using Hpms.Edge.Commands;
using Hpms.Edge.Devices;
using Hpms.Edge.MqttDevices;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Rules;

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
        Counter(text, "hpms_edge_device_transport_errors_total", "Connection and port failures.", d => d.Counters.TransportErrors);
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
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_sink_errors_total{{sink=\"{sink}\"}} {pump.SenderErrors}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_depth_records{{sink=\"{sink}\"}} {q.DepthRecords}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_depth_bytes{{sink=\"{sink}\"}} {q.DepthBytes}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_dropped_total{{sink=\"{sink}\",kind=\"telemetry\"}} {q.DroppedTelemetry}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_dropped_total{{sink=\"{sink}\",kind=\"event\"}} {q.DroppedEvents}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_refused_total{{sink=\"{sink}\",kind=\"telemetry\"}} {q.RefusedTelemetry}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_refused_total{{sink=\"{sink}\",kind=\"event\"}} {q.RefusedEvents}\n");
                text.Append(CultureInfo.InvariantCulture, $"hpms_edge_buffer_disk_errors_total{{sink=\"{sink}\"}} {q.DiskErrors}\n");
            }
        }

        if (services.GetService(typeof(RulesStage)) is RulesStage rules)
        {
            WriteRules(text, rules.Engine.Counters);
        }

        if (services.GetService(typeof(CommandService)) is CommandService { Counters: { } commandCounters })
        {
            WriteCommands(text, commandCounters);
        }

        if (services.GetService(typeof(MqttDeviceService)) is MqttDeviceService mqttDevices)
        {
            WriteMqttDevices(text, mqttDevices.Ingest, mqttDevices.HandlerFailures);
        }

        return text.ToString();
    }

    /// <summary>Writes the command handler's counters: received, executed, failed, refused by reason, replays.</summary>
    /// <param name="text">Where the exposition goes.</param>
    /// <param name="counters">The handler's counters.</param>
    public static void WriteCommands(StringBuilder text, CommandCounters counters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(counters);
        Single(text, "hpms_edge_commands_received_total", "Messages received on the command topics.", counters.Received);
        Single(text, "hpms_edge_commands_executed_total", "Commands carried out by their device.", counters.Executed);
        Single(text, "hpms_edge_commands_failed_total", "Accepted commands the device did not carry out (error, timeout).", counters.Failed);
        Single(text, "hpms_edge_commands_malformed_total", "Command payloads that did not parse.", counters.Malformed);
        Single(text, "hpms_edge_commands_replayed_total", "Commands refused because their id or nonce was seen before.", counters.Refused.GetValueOrDefault(Protocols.Envelopes.CommandErrorCodes.Replayed));
        Single(text, "hpms_edge_commands_handler_errors_total", "Unexpected errors of the command loop (logged, it went on).", counters.HandlerErrors);
        Header(text, "hpms_edge_commands_refused_total", "Refused commands by reason (the reply's error code).", "counter");
        foreach ((string reason, long count) in counters.Refused.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"hpms_edge_commands_refused_total{{reason=\"{Escape(reason)}\"}} {count}\n");
        }
    }

    /// <summary>Writes the rule engine's counters: events by rule family, points skipped and why.</summary>
    /// <param name="text">Where the exposition goes.</param>
    /// <param name="counters">The engine's counters.</param>
    public static void WriteRules(StringBuilder text, RuleEngineCounters counters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(counters);
        Single(text, "hpms_edge_rules_points_total", "Points evaluated by the local rules.", counters.Points);
        Header(text, "hpms_edge_rules_events_total", "Events raised by the local rules, by rule family.", "counter");
        foreach (RuleEventKind kind in Enum.GetValues<RuleEventKind>())
        {
            text.Append(CultureInfo.InvariantCulture, $"hpms_edge_rules_events_total{{kind=\"{RulesStage.KindName(kind)}\"}} {counters.EventsOf(kind)}\n");
        }

        Header(text, "hpms_edge_rules_skipped_total", "Points the rules did not evaluate, by reason.", "counter");
        text.Append(CultureInfo.InvariantCulture, $"hpms_edge_rules_skipped_total{{reason=\"out_of_order\"}} {counters.IgnoredOutOfOrder}\n");
        text.Append(CultureInfo.InvariantCulture, $"hpms_edge_rules_skipped_total{{reason=\"not_good\"}} {counters.IgnoredNotGood}\n");
        text.Append(CultureInfo.InvariantCulture, $"hpms_edge_rules_skipped_total{{reason=\"not_finite\"}} {counters.IgnoredNotFinite}\n");
        Single(text, "hpms_edge_rules_snapshots_rejected_total", "Saved rule states refused at start.", counters.SnapshotsRejected);
    }

    /// <summary>Writes the MQTT-native devices' ingest counters, per device.</summary>
    /// <param name="text">Where the exposition goes.</param>
    /// <param name="ingest">The ingest.</param>
    /// <param name="handlerFailures">Messages whose handling failed unexpectedly.</param>
    public static void WriteMqttDevices(StringBuilder text, MqttDeviceIngest ingest, long handlerFailures)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ingest);
        string[] ids = [.. ingest.DeviceIds.Order(StringComparer.Ordinal)];
        void PerDevice(string name, string help, Func<MqttDeviceCounters, long> value)
        {
            Header(text, name, help, "counter");
            foreach (string id in ids)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{device=\"{Escape(id)}\"}} {value(ingest.CountersOf(id)!)}\n");
            }
        }

        PerDevice("hpms_edge_mqtt_device_messages_total", "Messages accepted from an MQTT-native device (reports and events).", c => c.Reports + c.Events);
        PerDevice("hpms_edge_mqtt_device_reports_total", "Reports accepted and normalised.", c => c.Reports);
        PerDevice("hpms_edge_mqtt_device_events_total", "Device events accepted.", c => c.Events);
        PerDevice("hpms_edge_mqtt_device_bad_payloads_total", "Payloads refused by the codec.", c => c.BadPayloads);
        PerDevice("hpms_edge_mqtt_device_duplicates_total", "Redelivered messages dropped (same sequence).", c => c.Duplicates);
        PerDevice("hpms_edge_mqtt_device_missed_messages_total", "Messages lost, from gaps in the sequence.", c => c.MissedMessages);
        PerDevice("hpms_edge_mqtt_device_restarts_total", "Times a device's sequence went backwards.", c => c.Restarts);
        Single(text, "hpms_edge_mqtt_device_unknown_total", "Messages from devices that are not configured.", ingest.UnknownDevices);
        Single(text, "hpms_edge_mqtt_device_handler_errors_total", "Messages whose handling failed unexpectedly.", handlerFailures);
    }

    /// <summary>Health as JSON: status (ok / degraded / starting), devices answering, devices failing by id.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] HealthJson()
    {
        IReadOnlyList<EdgeDevice> devices = polling.Devices;
        string[] failing = [.. devices.Where(d => latest.ByDevice.TryGetValue(d.Options.Id, out DeviceReading? r) && !r.Succeeded).Select(d => d.Options.Id)];
        int answered = devices.Count(d => latest.ByDevice.TryGetValue(d.Options.Id, out DeviceReading? r) && r.Succeeded);
        string status = devices.Count == 0 || latest.Count == 0 ? "starting" : failing.Length == 0 ? "ok" : "degraded";
        var health = new HealthDocument(status, clock.GetUtcNow(), devices.Count, answered, failing, latest.Count);
        return JsonSerializer.SerializeToUtf8Bytes(health, OperationsJsonContext.Default.HealthDocument);
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

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static void Single(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, help, "counter");
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }

    private static string Escape(string label) =>
        label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
