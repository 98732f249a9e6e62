using System.Text.Json;
using Hpms.Cloud.Alarms;
using Hpms.Cloud.ColdChain;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Envelopes;

namespace Hpms.IntegrationTests.Cloud.Supply;

/// <summary>Fridge excursions and alarm actions through the event processor, on both databases.</summary>
[Collection("postgres")]
public sealed class ColdChainTests(PostgresFixture postgres)
{
    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FridgeExcursion_OneAlarmOneHoldOneWorkOrder_WithTheReportOnTheAlarm(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        long start = rig.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var high = new DeviceEvent("t-1", "threshold:fridge.temperature.high:temperature", SupplyRig.Fridge(), EventState.Active, EventSeverity.Critical,
            start, null, new Dictionary<string, double> { ["value"] = 8.6, ["limit"] = 8 }, "above 8 °C for 15 min");
        var cleared = high with { State = EventState.Cleared, ClearedUnixMs = start + 1_800_000 };
        var report = new DeviceEvent("x-1", "cold-chain-excursion:fridge.cold-chain:temperature", SupplyRig.Fridge(), EventState.Cleared, EventSeverity.Warning,
            start - 900_000, start + 1_800_000,
            new Dictionary<string, double> { ["excursion_start"] = start - 900_000, ["excursion_end"] = start + 1_800_000, ["excursion_peak_c"] = 11.2, ["time_out_of_range_s"] = 2700, ["mkt_c"] = 9.4 },
            "excursion over");

        foreach (DeviceEvent e in new[] { high, high, cleared, report, report })
        {
            await rig.Processor.ProcessAsync(rig.Received(e), CancellationToken.None);
        }

        AlarmRow alarm = Assert.Single(await rig.Alarms.ListAsync(null, null, 10, CancellationToken.None));
        HoldRow hold = Assert.Single(await rig.Holds.ListAsync(null, CancellationToken.None));
        Assert.Equal(1, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM work_orders WHERE asset_id = 'fridge-7' AND cause = 'cold-chain-excursion' AND priority = 'P1' AND skill = 'refrigeration' AND zone = 'pharmacy'"));
        Assert.Equal(alarm.Id, await rig.ScalarAsync<long>("SELECT alarm_id FROM work_orders"));
        Assert.Equal("cleared", alarm.State);
        using JsonDocument excursion = JsonDocument.Parse(alarm.ExcursionJson!);
        Assert.Equal(11.2, excursion.RootElement.GetProperty("peak_c").GetDouble());
        Assert.Equal(9.4, excursion.RootElement.GetProperty("mkt_c").GetDouble());
        Assert.Equal(2700, excursion.RootElement.GetProperty("time_out_of_range_s").GetDouble());
        Assert.Equal(("fridge-7", "held", alarm.Id), (hold.DeviceId, hold.Status, hold.AlarmId));
        Assert.Contains("all contents", hold.LotsJson, StringComparison.Ordinal);
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FridgeDoorOpen_HoldListsTheFridgesLots_AndReleaseIsOnceAndAudited(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        await rig.ExecAsync("INSERT INTO bin_stock (cabinet_id, bin, item_id, on_hand, lot, updated_ms) VALUES ('fridge-7', 1, 'VAX-1', 30, 'LOT-A', 1), ('fridge-7', 2, 'VAX-2', 10, 'LOT-B', 1)");
        var door = new DeviceEvent("d-1", "door-open-too-long:fridge.door-open:door.open", SupplyRig.Fridge(), EventState.Active, EventSeverity.Warning,
            rig.Clock.GetUtcNow().ToUnixTimeMilliseconds(), null, new Dictionary<string, double> { ["value"] = 1 }, "door open 5 min");

        await rig.Processor.ProcessAsync(rig.Received(door), CancellationToken.None);
        HoldRow hold = Assert.Single(await rig.Holds.ListAsync("held", CancellationToken.None));
        StateChangeResult released = await rig.Holds.ReleaseAsync(hold.Id, "pharmacist-1", CancellationToken.None);
        StateChangeResult discardAfter = await rig.Holds.DiscardAsync(hold.Id, "pharmacist-1", CancellationToken.None);
        StateChangeResult missing = await rig.Holds.ReleaseAsync(999, "pharmacist-1", CancellationToken.None);

        Assert.Contains("LOT-A", hold.LotsJson, StringComparison.Ordinal);
        Assert.Contains("LOT-B", hold.LotsJson, StringComparison.Ordinal);
        Assert.Equal(1, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM work_orders WHERE cause = 'door-open'"));
        Assert.Equal((StateChangeStatus.Done, StateChangeStatus.InvalidTransition, "released", StateChangeStatus.NotFound),
            (released.Status, discardAfter.Status, discardAfter.State, missing.Status));
        Assert.Equal(1, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'hold.release' AND actor = 'pharmacist-1'"));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Alarm_AcknowledgeThenClear_RefusesInvalidTransitions_AndAudits(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        var info = new DeviceEvent("i-1", "threshold:ahu.info:x", SupplyRig.Fridge("ahu-1"), EventState.Active, EventSeverity.Info, 1, null, new Dictionary<string, double>(), "fyi");
        var warn = info with { Id = "w-1", Severity = EventSeverity.Warning };
        await rig.Processor.ProcessAsync(rig.Received(info), CancellationToken.None);
        await rig.Processor.ProcessAsync(rig.Received(warn), CancellationToken.None);
        long id = Assert.Single(await rig.Alarms.ListAsync("active", "ahu-1", 10, CancellationToken.None)).Id;

        StateChangeResult ack = await rig.Alarms.AcknowledgeAsync(id, "eng-1", CancellationToken.None);
        StateChangeResult ackAgain = await rig.Alarms.AcknowledgeAsync(id, "eng-1", CancellationToken.None);
        StateChangeResult clear = await rig.Alarms.ClearAsync(id, "eng-1", CancellationToken.None);
        StateChangeResult clearAgain = await rig.Alarms.ClearAsync(id, "eng-1", CancellationToken.None);
        StateChangeResult missing = await rig.Alarms.AcknowledgeAsync(id + 100, "eng-1", CancellationToken.None);

        Assert.Equal(
            (StateChangeStatus.Done, StateChangeStatus.InvalidTransition, StateChangeStatus.Done, StateChangeStatus.InvalidTransition, StateChangeStatus.NotFound),
            (ack.Status, ackAgain.Status, clear.Status, clearAgain.Status, missing.Status));
        AlarmRow alarm = (await rig.Alarms.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(("cleared", "eng-1"), (alarm.State, alarm.AcknowledgedBy));
        Assert.Equal(2, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE actor = 'eng-1' AND target = @t", new { t = AlarmWriter.Target(id) }));
    }
}
