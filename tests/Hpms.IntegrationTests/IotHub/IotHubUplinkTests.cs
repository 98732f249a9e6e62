using System.Text;
using Hpms.Edge.Configuration;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink;
using Hpms.Edge.Uplink.IotHub;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.AzureIotHub;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Hpms.Telemetry.Buffering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hpms.IntegrationTests.IotHub;

/// <summary>
/// The IoT Hub uplink against a mosquitto standing in for the hub (see <see cref="IotHubStandInBroker"/>):
/// the broker only lets in the hub user name with the SAS token computed independently here for the
/// uplink's clock, so a delivery proves client id, user name and token; then buffered telemetry and
/// events must arrive on the device-to-cloud topic with their properties, and direct methods get 501.
/// </summary>
public sealed class IotHubUplinkTests
{
    // The hub name is also the address the uplink connects to, so the stand-in is named by its address;
    // user name and token are built from it exactly as from "myhub.azure-devices.net".
    private const string Host = "127.0.0.1";
    private const string HubDeviceId = "gw-hub-1";
    private const string Key = "aHBtcy1pb3RodWItdGVzdC1kZXZpY2Uta2V5LTMyYnl0ZXM=";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DeviceTags s_fridge = new("site-t", "b1", "ward", "gw-t", "cold-chain-fridge", "fridge-1");

    [PeerFact(PeerTool.Mosquitto)]
    public async Task BufferedTelemetryAndEvent_ThroughTheUplink_ArriveOnTheEventsTopicWithProperties()
    {
        string token = IotHubSasToken.Create(IotHubSasToken.DeviceResourceUri(Host, HubDeviceId), Key, s_now + TimeSpan.FromHours(1));
        await using IotHubStandInBroker hub = await IotHubStandInBroker.StartAsync(IotHubMqttTopics.Username(Host, HubDeviceId), token, HubDeviceId);
        await using MqttObserver service = await MqttObserver.ConnectAsync(hub.Port, IotHubStandInBroker.AdminUser, hub.AdminPassword, $"devices/{HubDeviceId}/messages/events/#");
        using Rig rig = Rig.Create(hub.Port, Key);

        rig.Queues.Publish(new DeviceEvent("ev-1", "threshold", s_fridge, EventState.Active, EventSeverity.Warning, s_now.ToUnixTimeMilliseconds(), null, new Dictionary<string, double> { ["temperature"] = 9.5 }, "too warm"));
        await rig.Queues.ConsumeAsync(Reading(), CancellationToken.None);
        await rig.Service.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync(() => service.All().Count >= 2, Deadline, () => $"received {service.All().Count}, uplink connected: {rig.Service.IotHub?.IsConnected}; broker: {hub.Log}");

            List<(string Topic, byte[] Payload, byte[]? Correlation)> received = service.All();
            Assert.Equal(
                [IotHubMessageTopic.For(HubDeviceId, s_fridge, RecordKind.Event), IotHubMessageTopic.For(HubDeviceId, s_fridge, RecordKind.Telemetry)],
                received.Select(m => m.Topic));
            Assert.StartsWith($"devices/{HubDeviceId}/messages/events/$.ct=application%2Fjson&$.ce=utf-8&", received[0].Topic, StringComparison.Ordinal);
            PayloadParseResult<DeviceEvent> parsed = EnvelopeCodec.ParseEvent(received[0].Payload);
            Assert.True(parsed.IsOk, parsed.Error);
            Assert.Equal("ev-1", parsed.Value.Id);
            PayloadParseResult<TelemetryBatch> batch = EnvelopeCodec.ParseTelemetry(received[1].Payload);
            Assert.True(batch.IsOk, batch.Error);
            Assert.Equal(4.25, batch.Value.Points.Single().Value);
            Assert.Equal(2, rig.Service.IotHub!.Published);
            Assert.Equal(1, rig.Service.IotHub.Credentials.Issued);
        }
        finally
        {
            await rig.Service.StopAsync(CancellationToken.None);
        }
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task DirectMethodAndCloudToDevice_WhileConnected_MethodAnswered501AndBothCounted()
    {
        string token = IotHubSasToken.Create(IotHubSasToken.DeviceResourceUri(Host, HubDeviceId), Key, s_now + TimeSpan.FromHours(1));
        await using IotHubStandInBroker hub = await IotHubStandInBroker.StartAsync(IotHubMqttTopics.Username(Host, HubDeviceId), token, HubDeviceId);
        await using MqttObserver service = await MqttObserver.ConnectAsync(hub.Port, IotHubStandInBroker.AdminUser, hub.AdminPassword, "$iothub/methods/res/#");
        using Rig rig = Rig.Create(hub.Port, Key);
        await rig.Queues.ConsumeAsync(Reading(), CancellationToken.None);
        await rig.Service.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync(() => rig.Service.IotHub is { Published: 1 }, Deadline, () => "the uplink did not connect and deliver");

            await service.PublishAsync("$iothub/methods/POST/unlock/?$rid=42", Encoding.UTF8.GetBytes("{}"));
            await service.PublishAsync($"devices/{HubDeviceId}/messages/devicebound/%24.mid=m1&%24.to=%2Fdevices%2F{HubDeviceId}%2Fmessages%2Fdevicebound", Encoding.UTF8.GetBytes("hello"));

            await Poll.UntilAsync(() => service.Received("$iothub/methods/res/501/?$rid=42").Count == 1, Deadline, () => $"no 501 reply; calls seen {rig.Service.IotHub!.DirectMethodCalls}");
            await Poll.UntilAsync(() => rig.Service.IotHub!.CloudToDeviceMessages == 1, Deadline, () => "cloud-to-device message not counted");
            Assert.Equal(1, rig.Service.IotHub!.DirectMethodCalls);
            Assert.Contains("not-implemented", Encoding.UTF8.GetString(service.Received("$iothub/methods/res/501/?$rid=42")[0].Payload), StringComparison.Ordinal);
        }
        finally
        {
            await rig.Service.StopAsync(CancellationToken.None);
        }
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task WrongKey_TokenRefusedByTheStandIn_NothingDeliveredBufferKept()
    {
        string token = IotHubSasToken.Create(IotHubSasToken.DeviceResourceUri(Host, HubDeviceId), Key, s_now + TimeSpan.FromHours(1));
        await using IotHubStandInBroker hub = await IotHubStandInBroker.StartAsync(IotHubMqttTopics.Username(Host, HubDeviceId), token, HubDeviceId);
        using Rig rig = Rig.Create(hub.Port, Convert.ToBase64String(Encoding.UTF8.GetBytes("some-other-device-key")));
        await rig.Queues.ConsumeAsync(Reading(), CancellationToken.None);

        using var uplink = new IotHubUplink(rig.Options.IotHub, new FixedTime(s_now), NullLogger.Instance);
        Assert.True(rig.Queues.IotHub!.TryPeekBatch(10, 1 << 20, out DurableQueueBatch? batch));

        Assert.Equal(Hpms.Telemetry.Forwarding.SendOutcome.RetryLater, await uplink.SendAsync(batch, CancellationToken.None));
        Assert.False(uplink.IsConnected);
        Assert.Equal(0, uplink.Published);
    }

    private static DeviceReading Reading()
    {
        long stamp = s_now.ToUnixTimeMilliseconds();
        return new DeviceReading(s_fridge, stamp, [new TelemetryPoint(s_fridge, "temperature", 4.25, "°C", Quality.Good, stamp)], true);
    }

    /// <summary>A clock that stands still, so the token the uplink makes is the one the broker holds.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Queues (IoT Hub only) and the uplink service over a temporary state folder.</summary>
    private sealed class Rig : IDisposable
    {
        private readonly string _directory;

        private Rig(string directory, UplinkOptions options, UplinkQueues queues, UplinkService service)
        {
            _directory = directory;
            Options = options;
            Queues = queues;
            Service = service;
        }

        public UplinkOptions Options { get; }

        public UplinkQueues Queues { get; }

        public UplinkService Service { get; }

        public static Rig Create(int port, string key)
        {
            string env = "HPMS_TEST_IOTHUB_KEY_" + Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(env, key);
            string directory = Directory.CreateTempSubdirectory("hpms-iothub-uplink-").FullName;
            var options = new UplinkOptions { StateDirectory = directory };
            options.Mqtt.Enabled = false;
            options.IotHub.Enabled = true;
            options.IotHub.Host = Host;
            options.IotHub.DeviceId = HubDeviceId;
            options.IotHub.KeyEnv = env;
            options.IotHub.Port = port;
            options.IotHub.UseTls = false; // the stand-in speaks plain MQTT on loopback
            options.IotHub.Timeout = TimeSpan.FromSeconds(5);
            Assert.Empty(options.Validate());
            var gateway = Microsoft.Extensions.Options.Options.Create(new GatewayOptions { Site = "site-t", Id = "gw-t" });
            var queues = new UplinkQueues(gateway, Microsoft.Extensions.Options.Options.Create(options), NullLoggerFactory.Instance);
            var service = new UplinkService(queues, Microsoft.Extensions.Options.Options.Create(options), gateway, NullLoggerFactory.Instance, new FixedTime(s_now));
            return new Rig(directory, options, queues, service);
        }

        public void Dispose()
        {
            Service.Dispose();
            Queues.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
