using Hpms.Edge.Configuration;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// Regression of the broker-restart loss (<see cref="BrokerDownTests"/>): mosquitto answers a QoS 1 publish nobody
/// subscribes to with "no matching subscribers" and drops it, which MQTTnet reports as a success. The edge's
/// uplink must keep such a batch and deliver it once the cloud has subscribed again.
/// </summary>
public sealed class NoSubscriberUplinkTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private const string PasswordVariable = "HPMS_IT_NOSUB_MQTT_PASSWORD";

    [PeerFact(PeerTool.Mosquitto)]
    public async Task MqttUplink_NoSubscriber_BatchKeptAndDeliveredOnceSubscribed()
    {
        MosquittoBroker broker = mosquitto.Broker;
        string password = broker.Passwords[MosquittoBroker.AdminUser];
        Environment.SetEnvironmentVariable(PasswordVariable, password);
        string state = Directory.CreateTempSubdirectory("hpms-nosub-").FullName;
        try
        {
            var options = new UplinkOptions { StateDirectory = state };
            options.Mqtt.Port = broker.Port;
            options.Mqtt.Username = MosquittoBroker.AdminUser;
            options.Mqtt.PasswordEnv = PasswordVariable;
            options.Mqtt.Timeout = TimeSpan.FromSeconds(5);
            var device = new DeviceTags("nosub", "main", "ward-1", "gw-nosub", "cold-chain-fridge", "fridge-9");
            using var queues = new UplinkQueues(Options.Create(new GatewayOptions { Site = "nosub", Id = "gw-nosub" }), Options.Create(options), NullLoggerFactory.Instance);
            await queues.ConsumeAsync(new DeviceReading(device, 1_795_000_000_000, [new TelemetryPoint(device, "temperature", 4.5, "°C", Quality.Good, 1_795_000_000_000)], true), CancellationToken.None);
            using var uplink = new MqttUplink(options.Mqtt, "gw-nosub", NullLogger.Instance);
            Assert.True(queues.Mqtt!.TryPeekBatch(10, 1 << 20, out DurableQueueBatch? batch));

            SendOutcome nobody = await uplink.SendAsync(batch, CancellationToken.None);

            Assert.Equal(SendOutcome.RetryLater, nobody);
            await using MqttObserver cloud = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, password, "hpms/v1/nosub/#");
            Assert.Equal(SendOutcome.Delivered, await uplink.SendAsync(batch, CancellationToken.None));
            await Poll.UntilAsync(() => cloud.All().Count == 1, TimeSpan.FromSeconds(10), () => $"{cloud.All().Count} messages received");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
