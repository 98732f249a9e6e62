using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hpms.IntegrationTests.Cloud.Ingest;

/// <summary>
/// The cloud ingest kept busy by gateways publishing as fast as the broker takes them (the deployment's broker
/// settings): every message must reach it, and the whole backlog must drain once the publishing stops. Before the
/// MQTT clients asked for larger socket buffers, this stalled with the broker holding megabytes for an idle ingest.
/// </summary>
public sealed class IngestBacklogTests
{
    private const int Devices = 200;
    private const int PointsPerMessage = 20;
    private static readonly TimeSpan s_publishFor = TimeSpan.FromSeconds(8);

    [PeerFact(PeerTool.Mosquitto)]
    public async Task GatewaysPublishingFlatOut_EveryMessageIsReceivedAndAcknowledged()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync([], production: true);
        await using CloudStore store = await CloudStore.CreateAsync(DatabaseProvider.Sqlite, postgres: null!);
        await using IngestRig rig = await IngestRig.StartAsync(store, broker);
        await using MqttObserver gateway = await MqttObserver.ConnectAsync(broker, MosquittoBroker.AdminUser, subscribe: null);

        DeviceTags[] devices = [.. Enumerable.Range(0, Devices).Select(i => new DeviceTags("s-load", "north", "ward-1", "gw-01", "cold-chain-fridge", $"fridge-{i:D3}"))];
        string[] channels = [.. Enumerable.Range(0, PointsPerMessage).Select(i => $"ch{i:D2}")];
        long published = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < s_publishFor && published < 200_000)
        {
            // At most 1,000 messages ahead of the ingest, as a gateway's uplink window would be.
            if (published - rig.Counters.Received >= 1_000)
            {
                await Task.Delay(5);
                continue;
            }

            var sends = new List<Task<MqttClientPublishResult>>(100);
            for (int i = 0; i < 100; i++, published++)
            {
                DeviceTags device = devices[published % Devices];
                long ts = 1_700_000_000_000 + published;
                TelemetryBatch batch = new(device, published, [.. channels.Select((c, k) => new TelemetryPoint(device, c, k + (published % 17), "u", Quality.Good, ts))]);
                sends.Add(gateway.Client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(TopicScheme.Telemetry(device.Site, device.Gateway, device.DeviceId))
                    .WithPayload(EnvelopeCodec.Encode(batch))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build()));
            }

            Assert.All(await Task.WhenAll(sends), r => Assert.True(r.IsSuccess, r.ReasonString));
        }

        await Poll.UntilAsync(
            () => rig.Counters.Acknowledged == published,
            TimeSpan.FromSeconds(60),
            () => $"published {published}, the ingest received {rig.Counters.Received} and acknowledged {rig.Counters.Acknowledged}");
        Assert.Equal(published, rig.Counters.Telemetry);
        Assert.Equal(0, rig.Counters.InFlight);
        Assert.True(published > 2_000, $"only {published} messages published: the check needs load");
    }
}
