using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;
using Hpms.Cloud.WorkOrders;
using Hpms.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.IntegrationTests.Cloud.WorkOrders;

/// <summary>KPIs read from the store on both databases agree with the hand-computed figures.</summary>
[Collection("postgres")]
public sealed class WorkOrderKpiQueryTests(PostgresFixture postgres)
{
    private static readonly WorkOrderActor s_engineer = new("eve", WorkOrderRole.Engineer);
    private static readonly WorkOrderActor s_t1 = new("alice", WorkOrderRole.Technician, "t1");

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Kpis_FromTheStore_MatchHandComputedFigures(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var h = new WorkOrderHarness(store.Database, new FakeTimeProvider(WorkOrderHarness.Start));
        await h.AddTechnicianAsync("t1");
        long periodStart = h.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        // A (P2: respond 1 h, resolve 24 h): accepted after 10 min, resolved after 2 h, verified, closed.
        long a = await h.CreateAsync(WorkOrderHarness.Request(asset: "a"));
        await h.DoAsync(a, WorkOrderAction.Assign, s_engineer, technician: "t1");
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.DoAsync(a, WorkOrderAction.Accept, s_t1);
        await h.DoAsync(a, WorkOrderAction.Start, s_t1);
        h.Clock.Advance(TimeSpan.FromMinutes(110));
        await h.DoAsync(a, WorkOrderAction.Resolve, s_t1, "done");
        await h.DoAsync(a, WorkOrderAction.Verify, s_engineer);
        await h.DoAsync(a, WorkOrderAction.Close, s_engineer);

        // B, created at +2 h: accepted 90 min later (late), still in progress; C cancelled; D in another zone.
        long b = await h.CreateAsync(WorkOrderHarness.Request(asset: "b"));
        long c = await h.CreateAsync(WorkOrderHarness.Request(asset: "c"));
        await h.CreateAsync(WorkOrderHarness.Request(asset: "d", zone: "z9"));
        await h.DoAsync(c, WorkOrderAction.Cancel, s_engineer, "duplicate");
        await h.DoAsync(b, WorkOrderAction.Assign, s_engineer, technician: "t1");
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        await h.DoAsync(b, WorkOrderAction.Accept, s_t1);
        h.Clock.Advance(TimeSpan.FromHours(1));
        long periodEnd = h.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        KpiReport r = await new WorkOrderQueries(store.Database).KpisAsync(periodStart, periodEnd, new KpiTeam("z1", null), CancellationToken.None);

        Assert.Equal(3, r.Created);                                  // a, b, c
        Assert.Equal(TimeSpan.FromMinutes(50), r.MeanResponse);      // (10 + 90) / 2
        Assert.Equal(TimeSpan.FromMinutes(120), r.MeanResolution);   // a only
        Assert.Equal(50.0, r.ResponseCompliancePercent);             // a in time, b late
        Assert.Equal(100.0, r.ResolutionCompliancePercent);          // a; b's deadline is after the period
        Assert.Equal(100.0, r.FirstTimeFixPercent);
        Assert.Equal(50.0, r.ClosureRatePercent);                    // a of a, b
        Assert.Equal(1, r.Backlog);                                  // b
    }
}
