using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;
using Hpms.Cloud.WorkOrders;
using Hpms.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.IntegrationTests.Cloud.WorkOrders;

/// <summary>The closed maintenance loop on both databases: transitions, audit, ownership, concurrency, escalation, dispatch.</summary>
[Collection("postgres")]
public sealed class WorkOrderServiceTests(PostgresFixture postgres)
{
    private static readonly WorkOrderActor s_engineer = new("engineer-1", WorkOrderRole.Engineer);
    private static readonly WorkOrderActor s_t1 = new("alice", WorkOrderRole.Technician, "t1");
    private static readonly WorkOrderActor s_t2 = new("bob", WorkOrderRole.Technician, "t2");

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Lifecycle_DispatchToReopenAndReassign_TimestampsTransitionsAndAuditEveryStep(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var h = new WorkOrderHarness(store.Database, new FakeTimeProvider(WorkOrderHarness.Start));
        await h.AddTechnicianAsync("t1");
        long id = await h.CreateAsync();

        DispatchRun? run = await h.Job.RunOnceAsync(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        WorkOrderChange accept = await h.DoAsync(id, WorkOrderAction.Accept, s_t1);
        WorkOrderChange start = await h.DoAsync(id, WorkOrderAction.Start, s_t1);
        WorkOrderChange resolveWithoutNote = await h.DoAsync(id, WorkOrderAction.Resolve, s_t1);
        WorkOrderChange resolve = await h.DoAsync(id, WorkOrderAction.Resolve, s_t1, "filter changed");
        bool verified = await h.Service.VerifyAsync(id, "system:telemetry", "dP 310 -> 95 Pa", CancellationToken.None);
        bool verifiedTwice = await h.Service.VerifyAsync(id, "system:telemetry", "again", CancellationToken.None);
        WorkOrderChange close = await h.DoAsync(id, WorkOrderAction.Close, s_engineer);
        long closedMs = await h.ScalarAsync<long>("SELECT closed_ms FROM work_orders WHERE id = @id", new { id });
        WorkOrderChange reopen = await h.DoAsync(id, WorkOrderAction.Reopen, s_engineer, "dP rising again");
        DispatchRun? again = await h.Job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new DispatchRun(1, 0, 0), run);
        Assert.Equal(new DispatchRun(1, 0, 0), again);
        Assert.All([accept, start, resolve, close, reopen], c => Assert.True(c.IsDone));
        Assert.Equal(WorkOrderChangeOutcome.NoteRequired, resolveWithoutNote.Outcome);
        Assert.Equal((true, false), (verified, verifiedTwice));
        Assert.Equal(WorkOrderHarness.Start.AddMinutes(5).ToUnixTimeMilliseconds(), closedMs);
        Assert.Equal(
            [
                (null, "created", "engineer-1", "Change the filter on ahu-1"),
                ("created", "assigned", "system:dispatch", "to t1"),
                ("assigned", "accepted", "alice", null),
                ("accepted", "in_progress", "alice", null),
                ("in_progress", "resolved", "alice", "filter changed"),
                ("resolved", "verified", "system:telemetry", "dP 310 -> 95 Pa"),
                ("verified", "closed", "engineer-1", null),
                ("closed", "reopened", "engineer-1", "dP rising again"),
                ("reopened", "assigned", "system:dispatch", "to t1"),
            ],
            await h.TransitionsAsync(id));
        Assert.Equal(9, await h.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE target = @t", new { t = $"workorder/{id}" }));
        Assert.Equal(1, await h.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'workorder.verify' AND actor = 'system:telemetry'"));
        Assert.Equal(
            (8L, 1L, "assigned", 0L), // eight updates after the insert at version 0
            (await h.ScalarAsync<long>("SELECT version FROM work_orders WHERE id = @id", new { id }),
             await h.ScalarAsync<long>("SELECT reopen_count FROM work_orders WHERE id = @id", new { id }),
             await h.ScalarAsync<string>("SELECT state FROM work_orders WHERE id = @id", new { id }),
             await h.ScalarAsync<long>("SELECT COUNT(*) FROM work_orders WHERE id = @id AND (closed_ms IS NOT NULL OR resolved_ms IS NOT NULL OR verified_ms IS NOT NULL)", new { id })));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Technician_ActingOnAnothersWorkOrder_IsRefusedAndNothingChanges(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var h = new WorkOrderHarness(store.Database, new FakeTimeProvider(WorkOrderHarness.Start));
        await h.AddTechnicianAsync("t1");
        await h.AddTechnicianAsync("t2");
        long id = await h.CreateAsync();
        await h.DoAsync(id, WorkOrderAction.Assign, s_engineer, technician: "t1");

        WorkOrderChange stolen = await h.DoAsync(id, WorkOrderAction.Accept, s_t2);
        WorkOrderChange techAssigns = await h.DoAsync(id, WorkOrderAction.Assign, s_t2, technician: "t2");
        WorkOrderChange unknown = await h.DoAsync(id, WorkOrderAction.Assign, s_engineer, technician: "nobody");
        WorkOrderChange own = await h.DoAsync(id, WorkOrderAction.Accept, s_t1);

        Assert.Equal(
            (WorkOrderChangeOutcome.NotAssignedToActor, WorkOrderChangeOutcome.Forbidden, WorkOrderChangeOutcome.UnknownTechnician, WorkOrderChangeOutcome.Done),
            (stolen.Outcome, techAssigns.Outcome, unknown.Outcome, own.Outcome));
        Assert.Equal(["created", "assigned", "accepted"], (await h.TransitionsAsync(id)).Select(t => t.To));
        Assert.Equal(0, await h.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE actor = 'bob'"));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Accept_TwiceConcurrentlyFromTwoInstances_OneWinsTheOtherConflicts(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(WorkOrderHarness.Start);
        var h = new WorkOrderHarness(store.Database, clock);
        await h.AddTechnicianAsync("t1");
        await using CloudDatabase other = store.OpenAnother();
        var h2 = new WorkOrderHarness(other, clock, "b");
        var results = new List<WorkOrderChange>();
        for (int round = 0; round < 5; round++)
        {
            long id = await h.CreateAsync(WorkOrderHarness.Request(asset: $"ahu-{round}"));
            await h.DoAsync(id, WorkOrderAction.Assign, s_engineer, technician: "t1");

            WorkOrderChange[] both = await Task.WhenAll(
                Task.Run(() => h.DoAsync(id, WorkOrderAction.Accept, s_t1)),
                Task.Run(() => h2.DoAsync(id, WorkOrderAction.Accept, s_t1)));

            Assert.Single(both, c => c.IsDone);
            Assert.Single(both, c => c.Outcome is WorkOrderChangeOutcome.Conflict or WorkOrderChangeOutcome.InvalidTransition);
            Assert.Single(await h.TransitionsAsync(id), t => t.To == "accepted");
            results.AddRange(both);
        }

        WorkOrderChange stale = await h.DoAsync(1, WorkOrderAction.Start, s_t1, version: 1);
        Assert.Equal(WorkOrderChangeOutcome.Conflict, stale.Outcome);
        Assert.Equal(10, results.Count);
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Escalation_OnAFakeClock_NotifiesSupervisorsThenManagersOncePerLevel(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var h = new WorkOrderHarness(store.Database, new FakeTimeProvider(WorkOrderHarness.Start));
        await h.AddTechnicianAsync("t1", skill: "hvac");
        await h.AddTechnicianAsync("sup-1", skill: "hvac", level: 2);
        await h.AddTechnicianAsync("sup-2", skill: "refrigeration", level: 2);
        await h.AddTechnicianAsync("mgr", skill: "hvac", level: 3);
        long id = await h.CreateAsync(WorkOrderHarness.Request(skill: "medical-gas", priority: "P1")); // nobody has the skill: stays created
        var seen = new List<(int Minute, long Level, long Notifications)>();

        foreach (int minute in new[] { 14, 15, 16, 44, 45, 46, 300 })
        {
            h.Clock.SetUtcNow(WorkOrderHarness.Start.AddMinutes(minute));
            await h.Job.RunOnceAsync(CancellationToken.None);
            seen.Add((minute,
                await h.ScalarAsync<long>("SELECT escalation_level FROM work_orders WHERE id = @id", new { id }),
                await h.ScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE work_order_id = @id", new { id })));
        }

        // P1: respond within 15 min → supervisors (2) at 15; still unanswered 30 min later → manager at 45.
        Assert.Equal([(14, 0L, 0L), (15, 2L, 2L), (16, 2L, 2L), (44, 2L, 2L), (45, 3L, 3L), (46, 3L, 3L), (300, 3L, 3L)], seen);
        Assert.Equal(
            ["mgr", "sup-1", "sup-2"],
            await h.ListAsync<string>("SELECT recipient FROM notifications ORDER BY recipient"));
        Assert.Equal(2, await h.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'workorder.escalate'"));
        Assert.Equal("created", await h.ScalarAsync<string>("SELECT state FROM work_orders WHERE id = @id", new { id }));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Escalation_TwoInstancesRacing_StillNotifyEachLevelOnce(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(WorkOrderHarness.Start);
        var h = new WorkOrderHarness(store.Database, clock);
        await using CloudDatabase other = store.OpenAnother();
        var h2 = new WorkOrderHarness(other, clock, "b");
        await h.AddTechnicianAsync("sup", level: 2);
        for (int i = 0; i < 6; i++)
        {
            await h.CreateAsync(WorkOrderHarness.Request(asset: $"a-{i}", skill: "none", priority: "P1"));
        }

        clock.Advance(TimeSpan.FromMinutes(16));
        int[] escalated = await Task.WhenAll(
            Task.Run(() => h.Escalator.EscalateAsync(CancellationToken.None)),
            Task.Run(() => h2.Escalator.EscalateAsync(CancellationToken.None)));

        Assert.Equal(6, escalated.Sum());
        Assert.Equal(6, await h.ScalarAsync<long>("SELECT COUNT(*) FROM notifications"));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DispatchJob_TwoInstances_OneHoldsTheLeaseAndEachWorkOrderIsAssignedOnce(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(WorkOrderHarness.Start);
        var a = new WorkOrderHarness(store.Database, clock, "a");
        await using CloudDatabase other = store.OpenAnother();
        var b = new WorkOrderHarness(other, clock, "b");
        await a.AddTechnicianAsync("t1");
        await a.AddTechnicianAsync("t2");
        await a.AddTechnicianAsync("t3", zone: "z2");
        for (int i = 0; i < 6; i++)
        {
            await a.CreateAsync(WorkOrderHarness.Request(asset: $"ahu-{i}"));
        }

        DispatchRun?[] runs = await Task.WhenAll(
            Task.Run(() => a.Job.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => b.Job.RunOnceAsync(CancellationToken.None)));

        Assert.Single(runs, r => r is null);
        Assert.Equal(6, runs.Sum(r => r?.Assigned ?? 0));
        Assert.Equal(6, await a.ScalarAsync<long>("SELECT COUNT(*) FROM work_order_transitions WHERE to_state = 'assigned'"));
        Assert.Equal(
            6,
            await a.ScalarAsync<long>("SELECT COUNT(DISTINCT work_order_id) FROM work_order_transitions WHERE to_state = 'assigned'"));

        // In zone first, then by load: t1 and t2 share the six; t3 (other zone) gets none.
        Assert.Equal(3, await a.ScalarAsync<long>("SELECT COUNT(*) FROM work_orders WHERE assigned_to = 't1'"));
        Assert.Equal(3, await a.ScalarAsync<long>("SELECT COUNT(*) FROM work_orders WHERE assigned_to = 't2'"));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Dispatchers_RacingWithoutTheLease_StillAssignEachWorkOrderOnce(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(WorkOrderHarness.Start);
        var a = new WorkOrderHarness(store.Database, clock, "a");
        await using CloudDatabase other = store.OpenAnother();
        var b = new WorkOrderHarness(other, clock, "b");
        await a.AddTechnicianAsync("t1");
        for (int i = 0; i < 8; i++)
        {
            await a.CreateAsync(WorkOrderHarness.Request(asset: $"ahu-{i}"));
        }

        (int Assigned, int Unassignable)[] runs = await Task.WhenAll(
            Task.Run(() => a.Dispatcher.DispatchPendingAsync(CancellationToken.None)),
            Task.Run(() => b.Dispatcher.DispatchPendingAsync(CancellationToken.None)));

        Assert.Equal(8, runs.Sum(r => r.Assigned));
        Assert.Equal(8, await a.ScalarAsync<long>("SELECT COUNT(*) FROM work_order_transitions WHERE to_state = 'assigned'"));
    }

    [PeerTheory(PeerTool.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DispatchJob_StoppedHolder_HandsTheLeaseOverAtOnce(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(WorkOrderHarness.Start);
        var a = new WorkOrderHarness(store.Database, clock, "a");
        var b = new WorkOrderHarness(store.Database, clock, "b");

        DispatchRun? first = await a.Job.RunOnceAsync(CancellationToken.None);
        DispatchRun? refused = await b.Job.RunOnceAsync(CancellationToken.None);
        await a.Job.StopAsync(CancellationToken.None);
        DispatchRun? taken = await b.Job.RunOnceAsync(CancellationToken.None);

        Assert.Equal((true, false, true), (first is not null, refused is not null, taken is not null));
    }
}
