using System.Text;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.MqttDevices;
using MQTTnet;

namespace Hpms.IntegrationTests.Mqtt;

/// <summary>The MQTT-native supply cabinet and its link against a real mosquitto with passwords and an ACL.</summary>
public sealed class MqttCabinetTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private MosquittoBroker Broker => fixture.Broker;

    private Task<MqttObserver> AdminAsync(string subscribe) =>
        MqttObserver.ConnectAsync(Broker.Port, MosquittoBroker.AdminUser, Broker.Passwords[MosquittoBroker.AdminUser], subscribe);

    private static List<CabinetReport> Reports(MqttObserver observer, string id) =>
        [.. observer.Received(CabinetTopics.Report(id)).Select(m => CabinetPayloadCodec.ParseReport(m.Payload)).Select(r => r.IsOk ? r.Value : throw new InvalidOperationException(r.Error))];

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Reports_Published_ArriveAndParseWithContract()
    {
        await using MqttObserver admin = await AdminAsync("devices/cab-1/#");
        await using CabinetRig rig = await CabinetRig.StartAsync(Broker, "cab-1");

        await Poll.UntilAsync(() => admin.Received(CabinetTopics.Report("cab-1")).Count >= 3, Deadline, () => $"reports: {admin.Received(CabinetTopics.Report("cab-1")).Count}");

        List<CabinetReport> reports = Reports(admin, "cab-1");
        Assert.All(reports, r => Assert.Equal("cab-1", r.DeviceId));
        Assert.Equal(reports.Select(r => r.Sequence).Order(), reports.Select(r => r.Sequence));
        Assert.Equal([30, 20], reports[^1].Bins.Select(b => b.Count));
        Assert.Equal([100001L, 100002L], reports[^1].Bins.Select(b => b.ItemCode));
        Assert.True(reports[^1].LockEngaged);
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task UnlockCommand_WithResponseTopic_OkReplyEchoesCorrelationAndNextReportShowsUnlocked()
    {
        await using MqttObserver admin = await AdminAsync("devices/cab-2/#");
        await using CabinetRig rig = await CabinetRig.StartAsync(Broker, "cab-2");
        await Poll.UntilAsync(() => Reports(admin, "cab-2").Count >= 1, Deadline, () => "no report before the command");

        string responseTopic = "devices/cab-2/cmd/reply/edge-7";
        byte[] correlation = [0xCA, 0xFE, 0x01];
        byte[] command = CabinetPayloadCodec.Encode(new CabinetCommand("unlock-1", CabinetCommandNames.Unlock, null, Badge: 40_000_123, Seconds: 300));
        MqttClientPublishResult sent = await admin.PublishAsync(CabinetTopics.Command("cab-2"), command, responseTopic, correlation);
        Assert.True(sent.IsSuccess, sent.ReasonString);

        await Poll.UntilAsync(() => admin.Received(responseTopic).Count == 1, Deadline, () => "no reply on the response topic");
        (string _, byte[] payload, byte[]? echoed) = admin.Received(responseTopic)[0];
        Assert.Equal(new CabinetCommandReply("unlock-1", true), CabinetPayloadCodec.ParseReply(payload).Value);
        Assert.Equal(correlation, echoed);

        int seen = Reports(admin, "cab-2").Count;
        await Poll.UntilAsync(() => Reports(admin, "cab-2").Count > seen + 1, Deadline, () => "no report after the reply");
        Assert.False(Reports(admin, "cab-2")[^1].LockEngaged);
        Assert.Empty(admin.Received(CabinetTopics.Reply("cab-2")));
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task BadCommand_NoResponseTopic_ErrorReplyOnDefaultTopicAndCounted()
    {
        await using MqttObserver admin = await AdminAsync("devices/cab-3/#");
        await using CabinetRig rig = await CabinetRig.StartAsync(Broker, "cab-3");
        await Poll.UntilAsync(() => rig.Link.Connects >= 1, Deadline, () => "link never connected");
        await Poll.UntilAsync(() => Reports(admin, "cab-3").Count >= 1, Deadline, () => "no report");

        await admin.PublishAsync(CabinetTopics.Command("cab-3"), Encoding.UTF8.GetBytes("""{"id":"bad-1","cmd":"unlock","seconds":"five"}"""));
        await admin.PublishAsync(CabinetTopics.Command("cab-3"), [0xFF, 0x00, 0x7B]);

        await Poll.UntilAsync(() => admin.Received(CabinetTopics.Reply("cab-3")).Count == 2, Deadline, () => "replies missing");
        var replies = admin.Received(CabinetTopics.Reply("cab-3")).Select(m => CabinetPayloadCodec.ParseReply(m.Payload).Value!).ToList();
        Assert.Equal(new CabinetCommandReply("bad-1", false, CabinetCommandErrors.BadRequest, "command.badge: is missing"), replies[0]);
        Assert.Equal(string.Empty, replies[1].Id);
        Assert.Equal(CabinetCommandErrors.BadRequest, replies[1].Error);
        Assert.Equal(2, rig.Device.BadCommands);
        Assert.Equal(0, rig.Link.HandlerErrors);
        Assert.True(rig.Link.IsConnected);
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task BrokerRestart_Link_ReconnectsAndResumesPublishing()
    {
        await using CabinetRig rig = await CabinetRig.StartAsync(Broker, "cab-4");
        await using (MqttObserver before = await AdminAsync("devices/cab-4/#"))
        {
            await Poll.UntilAsync(() => Reports(before, "cab-4").Count >= 2, Deadline, () => "no reports before the restart");
        }

        await Broker.StopAsync();
        await Poll.UntilAsync(() => !rig.Link.IsConnected, Deadline, () => "link did not notice the broker going away");
        await Broker.RestartAsync();

        await Poll.UntilAsync(() => rig.Link.Connects >= 2 && rig.Link.IsConnected, Deadline, () => $"link connects: {rig.Link.Connects}");
        await using MqttObserver after = await AdminAsync("devices/cab-4/#");
        await Poll.UntilAsync(() => Reports(after, "cab-4").Count >= 2, Deadline, () => "no reports after the restart");

        // The subscription came back too: a command after the restart is answered.
        await after.PublishAsync(CabinetTopics.Command("cab-4"), CabinetPayloadCodec.Encode(new CabinetCommand("lock-1", CabinetCommandNames.Lockdown, null, On: true)));
        await Poll.UntilAsync(() => after.Received(CabinetTopics.Reply("cab-4")).Count == 1, Deadline, () => "no reply after the restart");
        await Poll.UntilAsync(() => Reports(after, "cab-4")[^1].Lockdown, Deadline, () => "lockdown not reported");
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Acl_CabinetUser_CannotPublishToAnotherDevicesTopic()
    {
        await using MqttObserver admin = await AdminAsync("devices/#");
        await using MqttObserver cabinet = await MqttObserver.ConnectAsync(Broker.Port, "cab-5", Broker.Passwords["cab-5"], subscribe: null);

        MqttClientPublishResult forbidden = await cabinet.PublishAsync("devices/cab-6/cmd", Encoding.UTF8.GetBytes("""{"id":"x","cmd":"lockdown","on":true}"""));
        MqttClientPublishResult own = await cabinet.PublishAsync("devices/cab-5/event", Encoding.UTF8.GetBytes("marker"));

        // Same connection, so the broker handles them in order: once the marker is through, the
        // forbidden message would have been too.
        await Poll.UntilAsync(() => admin.Received("devices/cab-5/event").Count == 1, Deadline, () => "own topic not delivered");
        Assert.Empty(admin.Received("devices/cab-6/cmd"));
        Assert.True(own.IsSuccess);
        Assert.False(forbidden.IsSuccess, $"PUBACK {forbidden.ReasonCode}");
    }
}
