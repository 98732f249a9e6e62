using System.Data.Common;
using Dapper;
using Hpms.Cloud.Alarms;
using Hpms.Cloud.Audit;
using Hpms.Cloud.ColdChain;
using Hpms.Cloud.Domain.Events;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Events;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Storage;
using Hpms.Cloud.Telemetry;
using Hpms.Cloud.WorkOrders;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.IntegrationTests.Cloud.Supply;

/// <summary>The supply side wired by hand over one store, as <c>AddCloudSupply</c> wires it.</summary>
internal sealed class SupplyRig
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public SupplyRig(CloudDatabase database, SupplyOptions? options = null)
    {
        Database = database;
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new SupplyOptions { OpenLinesRefresh = TimeSpan.FromHours(1) });
        Audit = new AuditLog(database, Clock);
        Catalog = new SupplyCatalog(Latest);
        Orders = new OrderBook(Clock);
        Tracker = new OpenLineTracker(database, Orders, Latest, Metrics, Options, Clock, NullLogger<OpenLineTracker>.Instance);
        var writer = new AlarmWriter(Metrics);
        var gas = new GasDelivery(Orders, Metrics, Options);
        Alarms = new AlarmService(database, Audit, Metrics, Clock);
        Holds = new HoldService(database, Audit, Metrics, Clock);
        Queries = new OrderQueries(database);
        Consumers =
        [
            new AlarmConsumer(writer),
            new ReplenishmentConsumer(Catalog, Orders, Tracker, Metrics, Options, Clock),
            new GasDeliveryConsumer(gas, Orders, Metrics),
            new ColdChainConsumer(writer, new WorkOrderOpener(new SlaPolicy(), Audit, Clock), Metrics, Clock),
        ];
        Processor = NewProcessor(database);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public CloudDatabase Database { get; }

    public IOptions<SupplyOptions> Options { get; }

    public LatestTelemetry Latest { get; } = new();

    public SupplyMetrics Metrics { get; } = new();

    public AuditLog Audit { get; }

    public SupplyCatalog Catalog { get; }

    public OrderBook Orders { get; }

    public OpenLineTracker Tracker { get; }

    public AlarmService Alarms { get; }

    public HoldService Holds { get; }

    public OrderQueries Queries { get; }

    public IEventConsumer[] Consumers { get; }

    public EventProcessor Processor { get; }

    public EventProcessor NewProcessor(CloudDatabase database) => new(database, Consumers);

    public static DeviceTags Cabinet(string id = "cab-1", string zone = "icu") => new("st-mary", "north", zone, "gw-01", "smart-supply-cabinet", id);

    public static DeviceTags Fridge(string id = "fridge-7") => new("st-mary", "north", "pharmacy", "gw-01", "cold-chain-fridge", id);

    public ReceivedEvent Stock(string id, int bin, int count, int reorderPoint, EventState state = EventState.Active, string cabinet = "cab-1") =>
        Received(new DeviceEvent(
            id, $"stock-below-reorder-point:cabinet.stock-reorder:bin{bin:00}", Cabinet(cabinet), state, EventSeverity.Warning,
            Clock.GetUtcNow().ToUnixTimeMilliseconds(), state == EventState.Cleared ? Clock.GetUtcNow().ToUnixTimeMilliseconds() : null,
            new Dictionary<string, double> { ["value"] = count, ["limit"] = reorderPoint }, "low"));

    public ReceivedEvent Received(DeviceEvent e) => new(e, EventKind.Parse(e.Kind), "hpms/v1/st-mary/gw-01/" + e.Device.DeviceId + "/event", Clock.GetUtcNow().ToUnixTimeMilliseconds());

    public async Task SeedCatalogAsync()
    {
        await ExecAsync("INSERT INTO suppliers (id, name, lead_time_days) VALUES ('acme', 'Acme Medical', 2), ('gasco', 'GasCo', 3)");
        await ExecAsync("INSERT INTO items (id, name, supplier_id, pack_size, near_expiry_days) VALUES ('100234', 'Syringe 10 ml', 'acme', 10, 30), ('100777', 'Gauze', 'acme', 5, 30)");
        await ExecAsync("INSERT INTO devices (id, site_id, gateway_id, building, zone, device_class, storeroom) VALUES ('cab-1', 'st-mary', 'gw-01', 'north', 'icu', 'smart-supply-cabinet', 'main-store')");
        await ExecAsync("INSERT INTO par_levels (cabinet_id, bin, item_id, par, reorder_point) VALUES ('cab-1', 3, '100234', 40, 8), ('cab-1', 4, '100777', 20, 4)");
    }

    public async Task ExecAsync(string sql, object? args = null)
    {
        await using DbConnection c = await Database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(sql, args);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using DbConnection c = await Database.OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public TelemetryBatch CabinetBatch(string cabinet, params (string Channel, double Value)[] points)
    {
        DeviceTags tags = Cabinet(cabinet);
        long now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var list = points.Select(p => new TelemetryPoint(tags, p.Channel, p.Value, "pcs", Quality.Good, now)).ToList();
        foreach (TelemetryPoint p in list)
        {
            Latest.Record(cabinet, p);
        }

        return new TelemetryBatch(tags, 1, list);
    }
}
