using Hpms.Edge.Configuration;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Tests.Uplink;

public sealed class UplinkQueuesTests : IDisposable
{
    private static readonly DeviceTags s_cabinet = new("city-general", "A", "ward-3", "gw-a", "smart-supply-cabinet", "mcab-a-01");
    private readonly string _state = Directory.CreateTempSubdirectory("hpms-uplink-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task ConsumeAndPublish_FromTwoThreadsAtOnce_EveryRecordIsWholeAndParses()
    {
        const int each = 2000;
        var uplink = new UplinkOptions { StateDirectory = _state };
        using var queues = new UplinkQueues(Options.Create(new GatewayOptions { Site = "city-general", Id = "gw-a" }), Options.Create(uplink), NullLoggerFactory.Instance);
        TelemetryPoint[] points = [.. Enumerable.Range(0, 40).Select(i => new TelemetryPoint(s_cabinet, $"bin{i:00}.count", i, "pcs", Quality.Good, 1_795_000_000_000))];

        // Readings (large) and events (small) at once, as the poll pipeline and an MQTT-native cabinet produce them.
        Task readings = Task.Run(async () =>
        {
            for (int i = 0; i < each; i++)
            {
                await queues.ConsumeAsync(new DeviceReading(s_cabinet, 1_795_000_000_000, points, true), CancellationToken.None);
            }
        });
        Task events = Task.Run(() =>
        {
            for (int i = 0; i < each; i++)
            {
                queues.Publish(new DeviceEvent(
                    $"{i:x32}", "cabinet:badge:cabinet", s_cabinet, EventState.Momentary, EventSeverity.Info, 1_795_000_000_000, null,
                    new Dictionary<string, double> { ["badge"] = i }, "badge access"));
            }
        });
        await Task.WhenAll(readings, events);

        DurableQueue queue = queues.Mqtt!;
        int telemetry = 0, parsedEvents = 0;
        while (queue.TryPeekBatch(500, 16 * 1024 * 1024, out DurableQueueBatch? batch))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                Assert.True(MqttRecord.TryRead(batch.GetPayload(i), out string topic, out ReadOnlyMemory<byte> payload));
                if (topic.EndsWith("/telemetry", StringComparison.Ordinal))
                {
                    PayloadParseResult<TelemetryBatch> parsed = EnvelopeCodec.ParseTelemetry(payload);
                    Assert.True(parsed.IsOk, parsed.Error);
                    Assert.Equal(points.Length, parsed.Value.Points.Count);
                    telemetry++;
                }
                else
                {
                    PayloadParseResult<DeviceEvent> parsed = EnvelopeCodec.ParseEvent(payload);
                    Assert.True(parsed.IsOk, parsed.Error);
                    parsedEvents++;
                }
            }

            queue.Commit(batch);
        }

        Assert.Equal(each, telemetry);
        Assert.Equal(each, parsedEvents);
    }

    [Theory]
    [InlineData(1L * 1024 * 1024)]
    [InlineData(4L * 1024 * 1024)]
    [InlineData(16L * 1024 * 1024)]
    [InlineData(256L * 1024 * 1024)]
    public void Open_AnyBoundTheOptionsAllow_OpensWithSixteenSegments(long maxBytes)
    {
        // Regression: below 16 MiB the queue's default 4 MiB segments broke its own rule (bound >= 4 segments)
        // and hpms-edge refused to start although Uplink:BufferMaxBytes accepts 1 MiB.
        var uplink = new UplinkOptions { StateDirectory = _state, BufferMaxBytes = maxBytes };
        Assert.DoesNotContain(uplink.Validate(), e => e.Contains("BufferMaxBytes", StringComparison.Ordinal));
        DurableQueueOptions options = UplinkQueues.QueueOptions("mqtt", uplink);
        Assert.Null(options.Validate());
        Assert.Equal(Math.Min(4L * 1024 * 1024, maxBytes / 16), options.SegmentBytes);

        using var queues = new UplinkQueues(Options.Create(new GatewayOptions { Site = "city-general", Id = "gw-a" }), Options.Create(uplink), NullLoggerFactory.Instance);
        Assert.True(queues.Mqtt!.Append(RecordKind.Telemetry, new byte[1000]).IsAppended);
    }
}
