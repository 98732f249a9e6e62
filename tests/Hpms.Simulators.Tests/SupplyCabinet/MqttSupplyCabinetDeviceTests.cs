using System.Text;
using Hpms.Protocols.MqttDevices;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Devices.SupplyCabinet;
using static Hpms.Simulators.Tests.SupplyCabinet.CabinetTestKit;

namespace Hpms.Simulators.Tests.SupplyCabinet;

public sealed class MqttSupplyCabinetDeviceTests
{
    private static readonly byte[] Correlation = [1, 2, 3];

    private static MqttSupplyCabinetDevice Create(string? settings = null) =>
        (MqttSupplyCabinetDevice)MqttSupplyCabinetDevice.Info.Create(Context(1, new RecordingGroundTruth()), null, Settings(settings ?? Bins(4, 50, 0, extra: ",\"reportSeconds\":10")));

    private static List<MqttOutboxMessage> Drain(MqttSupplyCabinetDevice device)
    {
        List<MqttOutboxMessage> messages = [];
        device.DrainOutbox(messages, 1000);
        return messages;
    }

    private static void Send(MqttSupplyCabinetDevice device, string json, string? responseTopic = null) =>
        device.HandleCommand(new MqttInboundMessage("devices/cab-1/cmd", Encoding.UTF8.GetBytes(json), responseTopic, Correlation));

    private static CabinetCommandReply Reply(MqttOutboxMessage message) => CabinetPayloadCodec.ParseReply(message.Payload).Value!;

    [Fact]
    public void Info_HasNoRegisterMap_AndSubscribesToOwnCommandTopic()
    {
        Assert.Null(MqttSupplyCabinetDevice.Info.MapClass);
        Assert.Equal(["devices/cab-1/cmd"], Create().Subscriptions);
    }

    [Fact]
    public void Advance_EveryReportSeconds_PublishesParsableReport()
    {
        MqttSupplyCabinetDevice device = Create();
        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(1));

        List<MqttOutboxMessage> reports = [.. Drain(device).Where(m => m.Topic == "devices/cab-1/report")];
        Assert.Equal(4, reports.Count); // at 1, 11, 21, 31 s
        Assert.All(reports, r => Assert.False(r.AtLeastOnce));
        CabinetReport last = CabinetPayloadCodec.ParseReport(reports[^1].Payload).Value!;
        Assert.Equal(4, last.Bins.Count);
        Assert.Equal(CabinetPayloadCodec.ToUnixMs(t.AddSeconds(-4)), last.TimeUnixMs);
        Assert.True(last.LockEngaged);
    }

    [Fact]
    public void UnlockCommand_Valid_RepliesOkWithCorrelationAndReleasesLock()
    {
        MqttSupplyCabinetDevice device = Create();
        DateTimeOffset t = Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Drain(device);

        Send(device, """{"id":"c-1","cmd":"unlock","badge":7,"seconds":20}""", responseTopic: "devices/cab-1/cmd/reply/edge-1");
        Run(device, t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        List<MqttOutboxMessage> messages = Drain(device);
        MqttOutboxMessage reply = Assert.Single(messages, m => m.Topic == "devices/cab-1/cmd/reply/edge-1");
        Assert.Equal(new CabinetCommandReply("c-1", true), Reply(reply));
        Assert.Equal(Correlation, reply.CorrelationData);
        Assert.True(reply.AtLeastOnce);
        Assert.False(device.Model.LockEngaged);
        Assert.Contains(messages, m => m.Topic == "devices/cab-1/event" && CabinetPayloadCodec.ParseEvent(m.Payload).Value!.Kind == "unlock");
    }

    [Theory]
    [InlineData("""{"id":"c-2","cmd":"unlock","seconds":5}""", "c-2", CabinetCommandErrors.BadRequest)]
    [InlineData("""{"id":"c-3","cmd":"self-destruct"}""", "c-3", CabinetCommandErrors.UnknownCommand)]
    [InlineData("not json", "", CabinetCommandErrors.BadRequest)]
    [InlineData("""{"id":"c-4","cmd":"light","bins":[9]}""", "c-4", CabinetCommandErrors.BadBin)]
    [InlineData("""{"id":"c-5","cmd":"lockdown","on":true,"expires":1000}""", "c-5", CabinetCommandErrors.Expired)]
    public void Command_Bad_RepliesErrorOnDefaultTopicAndCounts(string json, string id, string error)
    {
        MqttSupplyCabinetDevice device = Create();
        Send(device, json);
        Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        CabinetCommandReply reply = Reply(Assert.Single(Drain(device), m => m.Topic == "devices/cab-1/cmd/reply"));
        Assert.Equal(id, reply.Id);
        Assert.False(reply.Ok);
        Assert.Equal(error, reply.Error);
        Assert.Equal(1, device.BadCommands);
        Assert.False(device.Model.Lockdown);
    }

    [Fact]
    public void Command_DuplicateId_Refused()
    {
        MqttSupplyCabinetDevice device = Create();
        Send(device, """{"id":"c-1","cmd":"light","bins":[2]}""");
        Send(device, """{"id":"c-1","cmd":"light","bins":[3]}""");
        Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var replies = Drain(device).Where(m => m.Topic.EndsWith("/reply", StringComparison.Ordinal)).Select(Reply).ToList();
        Assert.Equal([true, false], replies.Select(r => r.Ok));
        Assert.Equal(CabinetCommandErrors.Duplicate, replies[1].Error);
        Assert.True(device.Model.Bins[1].Light);
        Assert.False(device.Model.Bins[2].Light);
    }

    [Fact]
    public void UnlockCommand_InLockdown_RefusedWithLockdown()
    {
        MqttSupplyCabinetDevice device = Create();
        Send(device, """{"id":"c-1","cmd":"lockdown","on":true}""");
        Send(device, """{"id":"c-2","cmd":"unlock","badge":7,"seconds":20}""");
        Run(device, Wednesday, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var replies = Drain(device).Where(m => m.Topic.EndsWith("/reply", StringComparison.Ordinal)).Select(Reply).ToList();
        Assert.Equal(CabinetCommandErrors.Lockdown, replies[1].Error);
        Assert.True(device.Model.LockEngaged);
        Assert.Equal(0, device.BadCommands);
    }

    [Fact]
    public void Events_Stock_FlowIntoOutboxWithSequence()
    {
        MqttSupplyCabinetDevice device = Create(Bins(2, onHand: 30, dailyUse: 200, par: 40, reorder: 25));
        Run(device, Wednesday.AddHours(8), TimeSpan.FromHours(2), TimeSpan.FromMinutes(1));

        List<MqttOutboxMessage> messages = Drain(device);
        var events = messages.Where(m => m.Topic == "devices/cab-1/event").Select(m => CabinetPayloadCodec.ParseEvent(m.Payload).Value!).ToList();
        Assert.Contains(events, e => e.Kind == "badge" && e.Badge > 0);
        Assert.Contains(events, e => e.Kind == "stock-below-reorder" && e.Bin > 0);
        long[] sequences = [.. events.Select(e => e.Sequence)];
        Assert.Equal(sequences.Order(), sequences);
    }
}
