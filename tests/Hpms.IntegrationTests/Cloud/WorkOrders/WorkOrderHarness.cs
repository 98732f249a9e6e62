using System.Data.Common;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Storage;
using Hpms.Cloud.WorkOrders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.IntegrationTests.Cloud.WorkOrders;

/// <summary>The work-order service, dispatcher, escalator and job of one cloud instance over a store, on a fake clock.</summary>
public sealed class WorkOrderHarness
{
    public WorkOrderHarness(CloudDatabase database, FakeTimeProvider clock, string instanceId = "a")
    {
        Database = database;
        Clock = clock;
        var audit = new AuditLog(database, clock);
        IOptions<WorkOrderOptions> options = Options.Create(new WorkOrderOptions { InstanceId = instanceId, EscalateAgainAfter = TimeSpan.FromMinutes(30) });
        Service = new WorkOrderService(database, audit, new WorkOrderOpener(new SlaPolicy(), audit, clock), clock);
        Technicians = new TechnicianStore(database, audit);
        Metrics = new WorkOrderMetrics();
        Dispatcher = new WorkOrderDispatcher(database, Technicians, Service, Metrics, options, clock, NullLogger<WorkOrderDispatcher>.Instance);
        Escalator = new SlaEscalator(database, audit, Metrics, options, clock, NullLogger<SlaEscalator>.Instance);
        Job = new WorkOrderDispatchJob(Dispatcher, Escalator, new JobLease(database, clock), database, Metrics, options, clock, NullLogger<WorkOrderDispatchJob>.Instance);
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public CloudDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public WorkOrderService Service { get; }

    public TechnicianStore Technicians { get; }

    public WorkOrderMetrics Metrics { get; }

    public WorkOrderDispatcher Dispatcher { get; }

    public SlaEscalator Escalator { get; }

    public WorkOrderDispatchJob Job { get; }

    public static WorkOrderRequest Request(string asset = "ahu-1", string skill = "hvac", string priority = "P2", string zone = "z1") =>
        new(asset, "filter-clogging", "Change the filter on " + asset, "dP rising", priority, skill, zone, "manual", null, null);

    public async Task AddTechnicianAsync(string id, string skill = "hvac", int level = 1, string zone = "z1")
    {
        await using DbConnection c = await Database.OpenAsync(CancellationToken.None);
        await using DbTransaction tx = await Database.BeginAsync(c, CancellationToken.None);
        await TechnicianStore.UpsertAsync(new Technician(id, id, [skill], [zone], EscalationLevel: level), c, tx, CancellationToken.None);
        await tx.CommitAsync();
    }

    public async Task<long> CreateAsync(WorkOrderRequest? request = null) =>
        await Service.CreateAsync(request ?? Request(), "engineer-1", CancellationToken.None) ?? throw new InvalidOperationException("not created");

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using DbConnection c = await Database.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("null");
    }

    public async Task<List<T>> ListAsync<T>(string sql, object? args = null)
    {
        await using DbConnection c = await Database.OpenAsync(CancellationToken.None);
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }

    public async Task<List<(string? From, string To, string Actor, string? Note)>> TransitionsAsync(long id)
    {
        await using DbConnection c = await Database.OpenAsync(CancellationToken.None);
        IEnumerable<(string? From, string To, string Actor, string? Note)> rows = await c.QueryAsync<(string?, string, string, string?)>(
            "SELECT from_state, to_state, actor, note FROM work_order_transitions WHERE work_order_id = @id ORDER BY id", new { id });
        return rows.ToList();
    }

    public Task<WorkOrderChange> DoAsync(long id, WorkOrderAction action, WorkOrderActor actor, string? note = null, string? technician = null, int? version = null) =>
        Service.TransitionAsync(id, new WorkOrderCommand(action, note, technician, version), actor, CancellationToken.None);
}
