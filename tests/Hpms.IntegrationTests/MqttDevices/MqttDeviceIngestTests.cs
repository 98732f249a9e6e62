using System.Text;
using Hpms.Edge.Configuration;
using Hpms.Edge.MqttDevices;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hpms.IntegrationTests.MqttDevices;

/// <summary>
/// The gateway's MQTT device ingest against a real mosquitto (passwords, ACL) and the simulator's
/// MQTT-native cabinet: reports become the same readings the Modbus poller makes, bad payloads are counted.
/// </summary>
public sealed class MqttDeviceIngestTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private MosquittoBroker Broker => fixture.Broker;

    [PeerFact(PeerTool.Mosquitto)]
    public async Task CabinetReports_ThroughTheBroker_ArriveAsReadingsWithTheBinsValues()
    {
        var readings = new ReadingChannel();
        using MqttDeviceService service = Service(readings, "cab-3");
        await service.StartAsync(CancellationToken.None);
        await using CabinetRig rig = await CabinetRig.StartAsync(Broker, "cab-3");
        try
        {
            DeviceReading reading = await NextReadingAsync(readings);

            Assert.Equal(new DeviceTags("site-t", "b1", "ward-9", "gw-t", "smart-supply-cabinet", "cab-3"), reading.Device);
            Dictionary<string, TelemetryPoint> p = reading.Points.ToDictionary(x => x.Channel, StringComparer.Ordinal);
            Assert.Equal((30d, 20d), (p["bin01.count"].Value, p["bin02.count"].Value));
            Assert.Equal((100_001d, 100_002d), (p["bin01.item-code"].Value, p["bin02.item-code"].Value));
            Assert.Equal((40d, 20d), (p["bin01.par"].Value, p["bin02.par"].Value));
            Assert.Equal((10d, 5d), (p["bin01.reorder-point"].Value, p["bin02.reorder-point"].Value));
            Assert.Equal("pcs", p["bin01.count"].Unit);
            Assert.Equal(1d, p["lock.engaged"].Value);
            Assert.All(reading.Points, x => Assert.Equal(Quality.Good, x.Quality));
            Assert.DoesNotContain(reading.Points, x => x.Channel.StartsWith("bin03.", StringComparison.Ordinal));
            Assert.Equal(0, service.Ingest.CountersOf("cab-3")!.BadPayloads);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task MalformedPayload_OnADevicesReportTopic_CountedAndTheIngestKeepsGoing()
    {
        var readings = new ReadingChannel();
        using MqttDeviceService service = Service(readings, "cab-4");
        await service.StartAsync(CancellationToken.None);
        await using MqttObserver admin = await MqttObserver.ConnectAsync(Broker.Port, MosquittoBroker.AdminUser, Broker.Passwords[MosquittoBroker.AdminUser], null);
        try
        {
            await Poll.UntilAsync(() => service.IsConnected, Deadline, () => "the ingest did not connect");
            await admin.PublishAsync(CabinetTopics.Report("cab-4"), Encoding.UTF8.GetBytes("{\"v\":1,\"device\":\"cab-4\",\"seq\":NaN}"));
            await admin.PublishAsync(CabinetTopics.Event("cab-4"), [0xFF, 0x00, 0x7B]);
            await admin.PublishAsync(CabinetTopics.Report("cab-4"), CabinetPayloadCodec.Encode(new CabinetReport(
                "cab-4", 1, 1, false, 0, false, true, false, false, false, 0, 0, [new CabinetBinReport(3, 7, 11, "L", 20_300_101, 20, 4, false)])));

            DeviceReading reading = await NextReadingAsync(readings);

            Assert.Equal(11d, reading.Points.Single(x => x.Channel == "bin03.count").Value);
            // MQTT orders messages per topic only: the bad event may be handled after the good report.
            await Poll.UntilAsync(() => service.Ingest.CountersOf("cab-4")!.BadPayloads >= 2, Deadline, () => "the bad payloads were not counted");
            Assert.Equal(2, service.Ingest.CountersOf("cab-4")!.BadPayloads);
            Assert.Equal(0, service.HandlerFailures);
            Assert.True(service.IsConnected);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task CabinetCommands_ThroughTheBroker_AnsweredByTheCabinet_AndItsEventsPublished()
    {
        var readings = new ReadingChannel();
        var events = new RecordingEvents();
        using MqttDeviceService service = Service(readings, "cab-1", events);
        await service.StartAsync(CancellationToken.None);
        await using CabinetRig rig = await CabinetRig.StartAsync(Broker, "cab-1");
        try
        {
            _ = await NextReadingAsync(readings); // both connected and subscribed
            using var timeout = new CancellationTokenSource(Deadline);

            CabinetCommandReply unlocked = await service.SendAsync("cab-1", new CabinetCommand("it-unlock-1", CabinetCommandNames.Unlock, null, Badge: 4242, Seconds: 5), timeout.Token);
            CabinetCommandReply lockedDown = await service.SendAsync("cab-1", new CabinetCommand("it-lockdown-1", CabinetCommandNames.Lockdown, null, On: true), timeout.Token);
            CabinetCommandReply refused = await service.SendAsync("cab-1", new CabinetCommand("it-unlock-2", CabinetCommandNames.Unlock, null, Badge: 4242, Seconds: 5), timeout.Token);

            Assert.Equal(("it-unlock-1", true), (unlocked.Id, unlocked.Ok));
            Assert.Equal(("it-lockdown-1", true), (lockedDown.Id, lockedDown.Ok));
            Assert.Equal(("it-unlock-2", false), (refused.Id, refused.Ok)); // locked down
            await Poll.UntilAsync(
                () => events.Kinds.Any(k => k.StartsWith("cabinet:unlock:", StringComparison.Ordinal)) && events.Kinds.Any(k => k.StartsWith("cabinet:unlock-refused:", StringComparison.Ordinal)),
                Deadline,
                () => "cabinet events not published: " + string.Join(", ", events.Kinds));
            Assert.All(events.Events, e => Assert.Equal("cab-1", e.Device.DeviceId));
            Assert.Equal(0, service.UnmatchedReplies);
            Assert.Equal(0, service.HandlerFailures);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<DeviceReading> NextReadingAsync(ReadingChannel readings)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await readings.Reader.ReadAsync(timeout.Token);
    }

    private MqttDeviceService Service(ReadingChannel readings, string deviceId, IEventPublisher? events = null)
    {
        string passwordEnv = "HPMS_TEST_EDGE_DEVICES_PASSWORD";
        Environment.SetEnvironmentVariable(passwordEnv, Broker.Passwords[MosquittoBroker.AdminUser]);
        var gateway = new GatewayOptions { Site = "site-t", Id = "gw-t" };
        gateway.Devices.Add(new DeviceOptions { Id = deviceId, Map = "smart-supply-cabinet", Transport = DeviceTransport.Mqtt, Building = "b1", Zone = "ward-9" });
        var options = new MqttDevicesOptions
        {
            Host = "127.0.0.1",
            Port = Broker.Port,
            ClientId = "gw-t-" + deviceId,
            Username = MosquittoBroker.AdminUser,
            PasswordEnv = passwordEnv,
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
        };
        Assert.Empty(options.Validate(hasMqttDevices: true));
        return new MqttDeviceService(Options.Create(options), Options.Create(gateway), readings, TimeProvider.System, NullLoggerFactory.Instance, events);
    }

    private sealed class RecordingEvents : IEventPublisher
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<DeviceEvent> _events = new();

        public IReadOnlyList<DeviceEvent> Events => [.. _events];

        public IReadOnlyList<string> Kinds => [.. _events.Select(e => e.Kind)];

        public void Publish(DeviceEvent deviceEvent) => _events.Enqueue(deviceEvent);
    }
}
