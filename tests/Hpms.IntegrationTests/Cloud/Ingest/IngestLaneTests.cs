using Hpms.Cloud.Ingest;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Transports.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hpms.IntegrationTests.Cloud.Ingest;

/// <summary>Events and device state reach the ingest on their own session, never queued behind telemetry.</summary>
public sealed class IngestLaneTests
{
    private const int Events = 20;

    [PeerFact(PeerTool.Mosquitto)]
    public async Task SessionKeptFromBeforeTheLanes_EventsStillArriveOnlyOnTheEventsSession()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync([], production: true);
        string clientId = "cloud-upgraded-" + Guid.NewGuid().ToString("N")[..6];
        string admin = MosquittoBroker.AdminUser;

        // The session an instance left behind before the lanes: one client id subscribed to telemetry, events and state.
        using (IMqttClient old = new MqttClientFactory().CreateMqttClient())
        {
            await old.ConnectAsync(new MqttSession("127.0.0.1", broker.Port, clientId, admin, broker.Passwords[admin], false, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1)).ToClientOptions());
            MqttClientSubscribeOptionsBuilder subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder();
            foreach (string filter in IngestTopic.Filters("hpms-cloud"))
            {
                subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
            }

            await old.SubscribeAsync(subscribe.Build());
            await old.DisconnectAsync();
        }

        await using CloudStore store = await CloudStore.CreateAsync(DatabaseProvider.Sqlite, postgres: null!);
        await using IngestRig rig = await IngestRig.StartAsync(store, broker, clientId: clientId);
        await using MqttObserver gateway = await MqttObserver.ConnectAsync(broker, admin, subscribe: null);
        DeviceTags fridge = new("s-lane", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-01");
        for (int i = 0; i < Events; i++)
        {
            DeviceEvent e = new($"evt-lane-{i}", "door-open-too-long:door:door", fridge, EventState.Momentary, EventSeverity.Warning, 1_700_000_000_000 + i, null,
                new Dictionary<string, double>(), "door open");
            MqttClientPublishResult sent = await gateway.Client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(TopicScheme.Event(fridge.Site, fridge.Gateway, fridge.DeviceId))
                .WithPayload(EnvelopeCodec.Encode(e))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            Assert.True(sent.IsSuccess, sent.ReasonString);
        }

        await Poll.UntilAsync(() => rig.Counters.Acknowledged == Events, TimeSpan.FromSeconds(30), () => $"acknowledged {rig.Counters.Acknowledged} of {Events}");
        Assert.Equal(Events, rig.Counters.ReceivedOn(IngestLane.Events));
        Assert.Equal(0, rig.Counters.ReceivedOn(IngestLane.Telemetry));
    }
}
