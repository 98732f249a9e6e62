using Hpms.Cloud.Events;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Envelopes;

namespace Hpms.IntegrationTests.Cloud.Supply;

/// <summary>Stock events through the event processor into orders, on both databases.</summary>
[Collection("postgres")]
public sealed class ReplenishmentTests(PostgresFixture postgres)
{
    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StockEvent_DeliveredFiveTimes_OneOrderLine(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        await rig.SeedCatalogAsync();
        ReceivedEvent e = rig.Stock("evt-1", bin: 3, count: 5, reorderPoint: 8);

        var outcomes = new List<EventOutcome>();
        for (int i = 0; i < 5; i++)
        {
            outcomes.Add(await rig.Processor.ProcessAsync(e, CancellationToken.None));
        }

        Assert.Equal([EventOutcome.Handled, EventOutcome.Duplicate, EventOutcome.Duplicate, EventOutcome.Duplicate, EventOutcome.Duplicate], outcomes);
        OrderRow order = Assert.Single(await rig.Queries.ListAsync(null, 10, CancellationToken.None));
        OrderLineRow line = Assert.Single(order.Lines);
        Assert.Equal(("replenishment", "acme", "main-store"), (order.Kind, order.SupplierId, order.Storeroom));
        Assert.Equal(("100234", 3, 40, 10, 5), (line.ItemId, line.Bin, line.Quantity, line.PackSize, line.OnHand)); // 40 − 5 = 35 → 4 packs of 10
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StockEvent_TwentyConcurrentDeliveriesFromFourProcessors_OneLine(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        await rig.SeedCatalogAsync();
        CloudDatabase[] instances = [store.OpenAnother(), store.OpenAnother(), store.OpenAnother(), store.OpenAnother()];
        EventProcessor[] processors = instances.Select(rig.NewProcessor).ToArray();
        ReceivedEvent bin3 = rig.Stock("evt-3", bin: 3, count: 5, reorderPoint: 8);
        ReceivedEvent bin4 = rig.Stock("evt-4", bin: 4, count: 1, reorderPoint: 4);

        EventOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => processors[i % 4].ProcessAsync(i % 2 == 0 ? bin3 : bin4, CancellationToken.None))));

        Assert.Equal(2, outcomes.Count(o => o == EventOutcome.Handled));
        OrderRow order = Assert.Single(await rig.Queries.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal([3, 4], order.Lines.Select(l => l.Bin ?? 0).Order());
        Assert.Equal(2, await rig.ScalarAsync<int>("SELECT line_count FROM orders"));
        foreach (CloudDatabase d in instances)
        {
            await d.DisposeAsync();
        }
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoBinsOfOneSupplier_OneOrderWithTwoLines_AndTheCsvListsBoth(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        await rig.SeedCatalogAsync();

        await rig.Processor.ProcessAsync(rig.Stock("evt-3", 3, 5, 8), CancellationToken.None);
        await rig.Processor.ProcessAsync(rig.Stock("evt-4", 4, 2, 4), CancellationToken.None);

        OrderRow order = Assert.Single(await rig.Queries.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal([("100234", 40), ("100777", 20)], order.Lines.Select(l => (l.ItemId, l.Quantity))); // 35 → 40; 18 → 20
        string[] csv = OrderCsv.Write([order]).Split("\r\n");
        Assert.Equal(4, csv.Length);
        Assert.StartsWith($"{order.Id},replenishment,acme,main-store,open,", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",cab-1,3,100234,40,10,5,40,0,open,0,0,evt-3", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",cab-1,4,100777,20,5,2,20,0,open,0,0,evt-4", csv[2], StringComparison.Ordinal);
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RestockTelemetry_ClosesTheLine_AndANewBreachOpensANewOne(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        await rig.SeedCatalogAsync();
        await rig.Processor.ProcessAsync(rig.Stock("evt-a", 3, 5, 8), CancellationToken.None);

        await rig.Tracker.ObserveAsync(rig.CabinetBatch("cab-1", ("bin03.count", 8), ("bin03.reorder-point", 8)), CancellationToken.None);
        int openAtReorderPoint = await rig.ScalarAsync<int>("SELECT COUNT(*) FROM order_lines WHERE status = 'open'");
        await rig.Tracker.ObserveAsync(rig.CabinetBatch("cab-1", ("bin03.count", 40), ("bin03.reorder-point", 8)), CancellationToken.None);
        string reason = await rig.ScalarAsync<string>("SELECT close_reason FROM order_lines WHERE source_event_id = 'evt-a' AND status = 'closed'");
        rig.Clock.Advance(TimeSpan.FromDays(1));
        await rig.Processor.ProcessAsync(rig.Stock("evt-b", 3, 6, 8), CancellationToken.None);

        Assert.Equal(1, openAtReorderPoint);
        Assert.Equal("restocked", reason);
        Assert.Equal("evt-b", await rig.ScalarAsync<string>("SELECT source_event_id FROM order_lines WHERE status = 'open'"));
        Assert.Equal(2, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM order_lines"));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ClearedStockEvent_ClosesTheLine(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        await rig.SeedCatalogAsync();
        await rig.Processor.ProcessAsync(rig.Stock("evt-a", 3, 5, 8), CancellationToken.None);

        await rig.Processor.ProcessAsync(rig.Stock("evt-a", 3, 40, 8, EventState.Cleared), CancellationToken.None);

        Assert.Equal("closed", await rig.ScalarAsync<string>("SELECT status FROM order_lines"));
        Assert.Equal(0, rig.Tracker.Count);
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task UnknownItem_StillOrdered_FromTheDefaultSupplier_Flagged_AndNearExpiryLotsListed(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database, new SupplyOptions { DefaultSupplierId = "to-review", OpenLinesRefresh = TimeSpan.FromHours(1) });
        await rig.SeedCatalogAsync();
        long soon = rig.Clock.GetUtcNow().AddDays(10).ToUnixTimeMilliseconds();
        await rig.ExecAsync(
            "INSERT INTO bin_stock (cabinet_id, bin, item_id, on_hand, par, reorder_point, lot, expiry_ms, updated_ms) VALUES " +
            "('cab-2', 1, '999999', 1, 12, 3, 'LX1', NULL, 1), ('cab-1', 3, '100234', 5, 40, 8, 'L-SOON', @soon, 1)", new { soon });

        await rig.Processor.ProcessAsync(rig.Stock("evt-u", 1, 1, 3, cabinet: "cab-2"), CancellationToken.None);
        await rig.Processor.ProcessAsync(rig.Stock("evt-n", 3, 5, 8), CancellationToken.None);

        IReadOnlyList<OrderRow> orders = await rig.Queries.ListAsync(null, 10, CancellationToken.None);
        OrderLineRow unknown = orders.SelectMany(o => o.Lines).Single(l => l.CabinetId == "cab-2");
        Assert.Equal(("999999", 11, true), (unknown.ItemId, unknown.Quantity, unknown.UnknownItem));
        Assert.Equal(("to-review", "icu"), orders.Where(o => o.Lines.Contains(unknown)).Select(o => (o.SupplierId, o.Storeroom)).Single());
        OrderLineRow near = orders.SelectMany(o => o.Lines).Single(l => l.CabinetId == "cab-1");
        Assert.True(near.NearExpiry);
        Assert.Contains("L-SOON", near.NearExpiryLots, StringComparison.Ordinal);
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GasSwitchOver_OneDeliveryLinePerPanelWhileOpen(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var rig = new SupplyRig(store.Database);
        var panel = new Hpms.Protocols.Telemetry.DeviceTags("st-mary", "plant", "plant-room", "gw-02", "medical-gas-panel", "gas-1");
        DeviceEvent Switch(string id) => new(id, "bank-switch-over:gas.o2.switchover:o2.switchover-count", panel, EventState.Momentary, EventSeverity.Warning,
            rig.Clock.GetUtcNow().ToUnixTimeMilliseconds(), null, new Dictionary<string, double> { ["value"] = 3 }, "switched");

        await rig.Processor.ProcessAsync(rig.Received(Switch("sw-1")), CancellationToken.None);
        await rig.Processor.ProcessAsync(rig.Received(Switch("sw-2")), CancellationToken.None);

        OrderRow order = Assert.Single(await rig.Queries.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal(("gas", "gas-supplier", "plant-room"), (order.Kind, order.SupplierId, order.Storeroom));
        Assert.Equal("O2-CYLINDER-BANK", Assert.Single(order.Lines).ItemId);
        Assert.Equal(2, await rig.ScalarAsync<int>("SELECT COUNT(*) FROM alarms"));
    }
}
