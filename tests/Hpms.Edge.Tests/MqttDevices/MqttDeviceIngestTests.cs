using System.Text;
using Hpms.Edge.MqttDevices;
using Hpms.Edge.Polling;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Edge.Tests.MqttDevices;

public sealed class MqttDeviceIngestTests
{
    private static readonly DeviceTags s_tags = new("site", "b1", "ward-3", "gw-1", CabinetReportNormalizer.DeviceClass, "cab-9");

    private readonly MqttDeviceIngest _ingest = new([s_tags], NullLogger.Instance);

    private IngestOutcome Send(string topic, byte[] payload) => _ingest.Handle(topic, payload, 1_000, out _);

    private IngestOutcome SendReport(long sequence) => Send("devices/cab-9/report", CabinetPayloadCodec.Encode(CabinetReportNormalizerTests.Report(sequence)));

    [Fact]
    public void Subscriptions_OneDevice_ReportAndEventTopics()
    {
        Assert.Equal(["devices/cab-9/report", "devices/cab-9/event"], _ingest.Subscriptions);
    }

    [Fact]
    public void Handle_ValidReport_ReadingWithDeviceTags()
    {
        IngestOutcome outcome = _ingest.Handle("devices/cab-9/report", CabinetPayloadCodec.Encode(CabinetReportNormalizerTests.Report()), 1_000, out DeviceReading? reading);

        Assert.Equal(IngestOutcome.Reading, outcome);
        Assert.NotNull(reading);
        Assert.Same(s_tags, reading.Device);
        Assert.Equal(1, _ingest.CountersOf("cab-9")!.Reports);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"v\":1}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"v\":1,\"device\":\"cab-9\",\"seq\":1,\"time\":1,\"door\":{\"open\":\"yes\"}}")]
    public void Handle_MalformedReport_CountedAsBadPayloadNoReading(string payload)
    {
        IngestOutcome outcome = _ingest.Handle("devices/cab-9/report", Encoding.UTF8.GetBytes(payload), 1_000, out DeviceReading? reading);

        Assert.Equal(IngestOutcome.BadPayload, outcome);
        Assert.Null(reading);
        Assert.Equal(1, _ingest.CountersOf("cab-9")!.BadPayloads);
    }

    [Fact]
    public void Handle_RandomBytes_NeverThrowsAndCountsEachAsBad()
    {
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            byte[] bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            Assert.Equal(IngestOutcome.BadPayload, Send(i % 2 == 0 ? "devices/cab-9/report" : "devices/cab-9/event", bytes));
        }

        Assert.Equal(500, _ingest.CountersOf("cab-9")!.BadPayloads);
    }

    [Fact]
    public void Handle_UnconfiguredDevice_CountedAndIgnored()
    {
        byte[] other = CabinetPayloadCodec.Encode(CabinetReportNormalizerTests.Report() with { DeviceId = "cab-x" });

        Assert.Equal(IngestOutcome.UnknownDevice, Send("devices/cab-x/report", other));
        Assert.Equal(IngestOutcome.UnknownDevice, Send("devices/cab-9/report", other)); // payload names another device
        Assert.Equal(2, _ingest.UnknownDevices);
        Assert.Equal(0, _ingest.CountersOf("cab-9")!.Reports);
    }

    [Fact]
    public void Handle_SequenceJumps_GapAndMissedCounted()
    {
        SendReport(1);
        SendReport(2);
        SendReport(6);

        MqttDeviceCounters c = _ingest.CountersOf("cab-9")!;
        Assert.Equal((1L, 3L, 3L), (c.SequenceGaps, c.MissedMessages, c.Reports));
    }

    [Fact]
    public void Handle_EventsShareTheSequence_NoGap()
    {
        SendReport(1);
        Assert.Equal(IngestOutcome.Event, Send("devices/cab-9/event", CabinetPayloadCodec.Encode(new CabinetEvent("cab-9", 2, 1, "badge", 0, 40_000_123, 0))));
        SendReport(3);

        MqttDeviceCounters c = _ingest.CountersOf("cab-9")!;
        Assert.Equal((0L, 1L, 2L), (c.SequenceGaps, c.Events, c.Reports));
    }

    [Fact]
    public void Handle_SameSequenceAgain_DuplicateDropped()
    {
        SendReport(5);

        Assert.Equal(IngestOutcome.Duplicate, SendReport(5));
        Assert.Equal((1L, 1L), (_ingest.CountersOf("cab-9")!.Duplicates, _ingest.CountersOf("cab-9")!.Reports));
    }

    [Fact]
    public void Handle_SequenceBackwards_RestartAcceptedNotAGap()
    {
        SendReport(90);

        Assert.Equal(IngestOutcome.Reading, SendReport(1));
        MqttDeviceCounters c = _ingest.CountersOf("cab-9")!;
        Assert.Equal((1L, 0L), (c.Restarts, c.SequenceGaps));
    }

    [Theory]
    [InlineData("devices/cab-9/cmd")]
    [InlineData("devices/cab-9/cmd/reply")]
    [InlineData("hpms/v1/x")]
    public void Handle_OtherTopics_Ignored(string topic)
    {
        Assert.Equal(IngestOutcome.IgnoredTopic, Send(topic, CabinetPayloadCodec.Encode(CabinetReportNormalizerTests.Report())));
    }
}
