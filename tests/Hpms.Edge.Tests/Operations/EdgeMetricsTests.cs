using System.Text;
using Hpms.Edge.Commands;
using Hpms.Edge.MqttDevices;
using Hpms.Edge.Operations;
using Hpms.Edge.Rules;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using static Hpms.Edge.Tests.Rules.RulePoints;

namespace Hpms.Edge.Tests.Operations;

public sealed class EdgeMetricsTests
{
    private static string[] Lines(Action<StringBuilder> write)
    {
        var text = new StringBuilder();
        write(text);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void WriteCommands_RefusalsAndExecutions_CountedByReasonWithReplays()
    {
        var counters = new CommandCounters();
        for (int i = 0; i < 4; i++)
        {
            counters.CountReceived();
        }

        counters.CountExecuted();
        counters.CountRefused(CommandErrorCodes.Replayed);
        counters.CountRefused(CommandErrorCodes.Replayed);
        counters.CountRefused(CommandErrorCodes.Expired);

        string[] lines = Lines(t => EdgeMetrics.WriteCommands(t, counters));

        Assert.Contains("hpms_edge_commands_received_total 4", lines);
        Assert.Contains("hpms_edge_commands_executed_total 1", lines);
        Assert.Contains("hpms_edge_commands_replayed_total 2", lines);
        Assert.Contains("hpms_edge_commands_refused_total{reason=\"replayed\"} 2", lines);
        Assert.Contains("hpms_edge_commands_refused_total{reason=\"expired\"} 1", lines);
        Assert.Contains("# TYPE hpms_edge_commands_refused_total counter", lines);
    }

    [Fact]
    public void WriteRules_EngineRaisedAndClearedAThreshold_TwoThresholdEventsAndOutOfOrderSkips()
    {
        var engine = new RuleEngine(Only(o => o.Thresholds.Add(FridgeHigh(onDelayMinutes: 0))));
        engine.ProcessAll(Temps(0, 9.0, 9.0, 5.0));
        engine.Process(Temp(9.0, 1)); // older than the last reading: a replay

        string[] lines = Lines(t => EdgeMetrics.WriteRules(t, engine.Counters));

        Assert.Contains("hpms_edge_rules_events_total{kind=\"threshold\"} 2", lines);
        Assert.Contains("hpms_edge_rules_events_total{kind=\"door-open-too-long\"} 0", lines);
        Assert.Contains("hpms_edge_rules_skipped_total{reason=\"out_of_order\"} 1", lines);
        Assert.Contains("hpms_edge_rules_points_total 4", lines);
    }

    [Fact]
    public void WriteMqttDevices_GoodAndBadPayloads_CountedPerDevice()
    {
        DeviceTags a = new("site", "b1", "ward", "gw", CabinetReportNormalizer.DeviceClass, "cab-a");
        DeviceTags b = a with { DeviceId = "cab-b" };
        var ingest = new MqttDeviceIngest([a, b], NullLogger.Instance);
        ingest.Handle("devices/cab-a/report", CabinetPayloadCodec.Encode(MqttDevices.CabinetReportNormalizerTests.Report(1) with { DeviceId = "cab-a" }), 1, out _);
        ingest.Handle("devices/cab-b/report", "{"u8.ToArray(), 1, out _);
        ingest.Handle("devices/cab-b/report", "[]"u8.ToArray(), 1, out _);
        ingest.Handle("devices/cab-z/report", "{}"u8.ToArray(), 1, out _);

        string[] lines = Lines(t => EdgeMetrics.WriteMqttDevices(t, ingest, 0));

        Assert.Contains("hpms_edge_mqtt_device_messages_total{device=\"cab-a\"} 1", lines);
        Assert.Contains("hpms_edge_mqtt_device_messages_total{device=\"cab-b\"} 0", lines);
        Assert.Contains("hpms_edge_mqtt_device_bad_payloads_total{device=\"cab-a\"} 0", lines);
        Assert.Contains("hpms_edge_mqtt_device_bad_payloads_total{device=\"cab-b\"} 2", lines);
        Assert.Contains("hpms_edge_mqtt_device_unknown_total 1", lines);
    }
}
