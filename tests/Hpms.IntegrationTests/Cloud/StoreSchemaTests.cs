using System.Data.Common;
using Dapper;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.IntegrationTests.Cloud;

/// <summary>The one schema on both databases: migrations, and the exactly-once rules the indexes enforce.</summary>
[Collection("postgres")]
public sealed class StoreSchemaTests(PostgresFixture postgres)
{
    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_AppliesEveryMigrationOnce_AndASecondRunDoesNothing(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres, migrate: false);
        int expected = MigrationRunner.Embedded().Count;

        int first = await store.Runner().MigrateAsync(CancellationToken.None);
        int second = await store.Runner().MigrateAsync(CancellationToken.None);

        Assert.Equal(expected, first);
        Assert.Equal(0, second);
        Assert.Equal(MigrationRunner.Embedded().Select(m => m.Version), await store.Runner().AppliedAsync(CancellationToken.None));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_ByFourInstancesAtOnce_AppliesEachMigrationExactlyOnce(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres, migrate: false);
        CloudDatabase[] instances = [store.OpenAnother(), store.OpenAnother(), store.OpenAnother(), store.OpenAnother()];

        int[] applied = await Task.WhenAll(instances.Select(d => Task.Run(() => store.Runner(d).MigrateAsync(CancellationToken.None))));

        Assert.Equal(MigrationRunner.Embedded().Count, applied.Sum());
        foreach (CloudDatabase d in instances)
        {
            await d.DisposeAsync();
        }
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OrderLines_ASecondOpenLineForTheSameCabinetAndItem_IsRefusedByTheDatabase(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);
        long order = await c.ExecuteScalarAsync<long>(
            "INSERT INTO orders (kind, supplier_id, storeroom, status, created_ms) VALUES ('replenishment', 's1', 'r1', 'open', 1) RETURNING id");
        const string line = "INSERT INTO order_lines (order_id, cabinet_id, item_id, quantity, on_hand, par, pack_size, status, source_event_id, created_ms) " +
                            "VALUES (@order, 'cab-1', 'ITEM-1', 10, 2, 12, 5, @status, @evt, 1) ON CONFLICT DO NOTHING";

        int first = await c.ExecuteAsync(line, new { order, status = "open", evt = "e1" });
        int duplicate = await c.ExecuteAsync(line, new { order, status = "open", evt = "e2" });
        await c.ExecuteAsync("UPDATE order_lines SET status = 'closed' WHERE source_event_id = 'e1'");
        int afterClose = await c.ExecuteAsync(line, new { order, status = "open", evt = "e3" });

        Assert.Equal((1, 0, 1), (first, duplicate, afterClose));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WorkOrders_OneOpenPerAssetAndCause_ClosedOnesDoNotCount(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);
        const string insert = "INSERT INTO work_orders (asset_id, cause, title, priority, state, skill, zone, source, created_ms, response_due_ms, resolution_due_ms) " +
                              "VALUES ('ahu-1', 'filter', 't', 'P3', @state, 'hvac', 'z', 'predictive', 1, 2, 3) ON CONFLICT DO NOTHING";

        int first = await c.ExecuteAsync(insert, new { state = "created" });
        int second = await c.ExecuteAsync(insert, new { state = "created" });
        await c.ExecuteAsync("UPDATE work_orders SET state = 'closed'");
        int afterClose = await c.ExecuteAsync(insert, new { state = "created" });
        int cancelledBeside = await c.ExecuteAsync(insert, new { state = "cancelled" });

        Assert.Equal((1, 0, 1, 1), (first, second, afterClose, cancelledBeside));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task JobLease_OneHolderAtATime_TakenOverOnlyAfterExpiry(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var lease = new JobLease(store.Database, clock);
        TimeSpan ttl = TimeSpan.FromSeconds(30);

        bool a = await lease.TryAcquireAsync("pdm", "a", ttl, CancellationToken.None);
        bool b = await lease.TryAcquireAsync("pdm", "b", ttl, CancellationToken.None);
        bool aRenews = await lease.TryAcquireAsync("pdm", "a", ttl, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(31));
        bool bAfterExpiry = await lease.TryAcquireAsync("pdm", "b", ttl, CancellationToken.None);
        bool aLate = await lease.TryAcquireAsync("pdm", "a", ttl, CancellationToken.None);

        Assert.Equal((true, false, true, true, false), (a, b, aRenews, bAfterExpiry, aLate));
    }
}
