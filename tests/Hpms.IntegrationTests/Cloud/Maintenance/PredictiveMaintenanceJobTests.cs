using System.Data.Common;
using Dapper;
using Hpms.Cloud.Domain.Maintenance;
using Hpms.Cloud.Maintenance;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Telemetry;

namespace Hpms.IntegrationTests.Cloud.Maintenance;

/// <summary>
/// The predictive-maintenance job against a real influxd (history written with the edge's encoder) and
/// both stores: work orders open before the limit, once per asset and cause, under one lease holder.
/// </summary>
[Collection("postgres")]
public sealed class PredictiveMaintenanceJobTests(PostgresFixture postgres, InfluxdFixture influxd) : IClassFixture<InfluxdFixture>
{
    private const PeerTool Peers = PeerTool.Postgres | PeerTool.Influxd;
    private const long Step = 5 * MaintenanceRig.MinuteMs;

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunOnce_CloggingFilter_OneWorkOrderBeforeTheLimit_ASecondRunAddsNone_HealthyUnitNone(DatabaseProvider provider)
    {
        await using MaintenanceRig rig = await MaintenanceRig.CreateAsync(provider, postgres, influxd.Server);
        await rig.RegisterAsync("ahu-clog", "theatre-2");
        await rig.WriteAsync(Clogging("ahu-clog").Concat(Healthy("ahu-ok")));
        PredictiveMaintenanceJob job = rig.Job();

        MaintenanceRunResult first = await job.RunOnceAsync(CancellationToken.None);
        rig.Clock.Advance(TimeSpan.FromHours(1));
        MaintenanceRunResult second = await job.RunOnceAsync(CancellationToken.None);

        WorkOrderRow order = Assert.Single(await rig.WorkOrdersAsync());
        Assert.Equal(("ahu-clog", MaintenanceCauses.FilterClogging, "P2", "created", "theatre-2", "hvac", "predictive"),
            (order.AssetId, order.Cause, order.Priority, order.State, order.Zone, order.Skill, order.Source));
        Assert.Contains("final resistance 450 Pa predicted at", order.Description, StringComparison.Ordinal);
        Assert.Matches(@"Filter ΔP 4[12]\d Pa rising 4\.\d\d Pa/h|Filter ΔP 4[12]\d Pa rising 5\.\d\d Pa/h", order.Description);
        Assert.Equal((true, 1, 0, 0), (first.Ran, first.Opened, first.QueryFailures, first.Verified));
        Assert.Equal(6, first.SeriesAnalysed); // two units × (ΔP, vibration, run hours)
        Assert.Equal((true, 1, 0), (second.Ran, second.Findings, second.Opened));
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task RunOnce_SimulatorFilterModelDueIn72RunningHours_OpensAWorkOrderAfter24WhileDeltaPIsFarBelowTheLimit(DatabaseProvider provider)
    {
        // The simulator's exponential loading: a half-life filter (232 Pa) told to reach 450 Pa after 72 running hours.
        await using MaintenanceRig rig = await MaintenanceRig.CreateAsync(provider, postgres, influxd.Server);
        var filter = new Hpms.Simulators.Devices.AirHandling.FilterLoadingModel(cleanPa: 120, lifeToPa: 450, lifeHours: 6000, ageHours: 3000);
        filter.ReachAfter(450, 72);
        DeviceTags unit = MaintenanceRig.Ahu("ahu-sim");
        var readings = new List<TelemetryPoint>();
        for (long t = MaintenanceRig.NowMs - (24 * MaintenanceRig.HourMs); t <= MaintenanceRig.NowMs; t += Step)
        {
            readings.Add(Reading(unit, t, Math.Round(filter.DesignPa)));
            filter.Run(Step / (double)MaintenanceRig.HourMs);
        }

        await rig.WriteAsync(readings);

        MaintenanceRunResult run = await rig.Job().RunOnceAsync(CancellationToken.None);

        WorkOrderRow order = Assert.Single(await rig.WorkOrdersAsync());
        Assert.Equal((1, MaintenanceCauses.FilterClogging, "P3"), (run.Opened, order.Cause, order.Priority));
        Assert.InRange(readings[^1].Value, 280, 300);
        Assert.Matches(@"predicted at .* \(in (5\d|6\d|7[0-2])\.\d h\)", order.Description); // a straight line is late on a convex curve: ≤ 72 h, not 48
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunOnce_VibrationRisingIntoZoneD_AndAnO2LineDrifting_OneWorkOrderEach(DatabaseProvider provider)
    {
        await using MaintenanceRig rig = await MaintenanceRig.CreateAsync(provider, postgres, influxd.Server);
        DeviceTags fan = MaintenanceRig.Ahu("ahu-vib", zone: "icu");
        DeviceTags panel = MaintenanceRig.GasPanel("gas-1");
        await rig.WriteAsync(
            MaintenanceRig.History(fan, "filter.differential-pressure", "Pa", 24, Step, _ => 200)
                .Concat(MaintenanceRig.History(fan, "fan.vibration", "mm/s", 24, Step, h => 2.0 + (0.125 * h))) // 5.0 mm/s now: zone D
                .Concat(MaintenanceRig.History(panel, "o2.pressure", "kPa", 72, Step, h => 370 - (0.25 * h) + Noise(h, 0.5))) // −6 kPa/day
                .Concat(MaintenanceRig.History(panel, "o2.pressure.low-limit", "kPa", 72, Step, _ => 289.6))
                .Concat(MaintenanceRig.History(panel, "o2.pressure.high-limit", "kPa", 72, Step, _ => 434.4)));

        MaintenanceRunResult run = await rig.Job().RunOnceAsync(CancellationToken.None);

        List<WorkOrderRow> orders = await rig.WorkOrdersAsync();
        Assert.Equal(2, run.Opened);
        WorkOrderRow vibration = Assert.Single(orders, o => o.Cause == MaintenanceCauses.Vibration);
        Assert.Equal(("ahu-vib", "P2", "icu", "hvac"), (vibration.AssetId, vibration.Priority, vibration.Zone, vibration.Skill));
        Assert.Contains("zone D", vibration.Description, StringComparison.Ordinal);
        WorkOrderRow gas = Assert.Single(orders, o => o.Cause == MaintenanceCauses.GasPressureDrift);
        Assert.Equal(("gas-1", "P3", "medical-gas"), (gas.AssetId, gas.Priority, gas.Skill));
        Assert.Matches(@"drifting -(5\.9\d|6\.0\d) kPa/day", gas.Description);
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunOnce_TwoInstancesWithTwoLeaseHolders_OnlyOneRuns(DatabaseProvider provider)
    {
        await using MaintenanceRig rig = await MaintenanceRig.CreateAsync(provider, postgres, influxd.Server);
        await rig.WriteAsync(Clogging("ahu-clog"));
        await using CloudDatabase second = rig.Store.OpenAnother();
        PredictiveMaintenanceJob a = rig.Job("instance-a");
        PredictiveMaintenanceJob b = rig.Job("instance-b", second);

        MaintenanceRunResult[] runs = await Task.WhenAll(
            Task.Run(() => a.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => b.RunOnceAsync(CancellationToken.None)));
        rig.Clock.Advance(TimeSpan.FromMinutes(30));
        MaintenanceRunResult[] again = [await a.RunOnceAsync(CancellationToken.None), await b.RunOnceAsync(CancellationToken.None)];

        Assert.Equal(1, runs.Count(r => r.Ran));
        Assert.Equal(1, runs.Sum(r => r.Opened));
        Assert.Equal(runs.Select(r => r.Ran), again.Select(r => r.Ran)); // the holder keeps the lease
        Assert.Single(await rig.WorkOrdersAsync());
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RunOnce_ResolvedFilterChange_VerifiedOnlyOnceDeltaPHasFallen(DatabaseProvider provider)
    {
        await using MaintenanceRig rig = await MaintenanceRig.CreateAsync(provider, postgres, influxd.Server);
        DeviceTags unit = MaintenanceRig.Ahu("ahu-clog");
        await rig.WriteAsync(Clogging("ahu-clog"));
        PredictiveMaintenanceJob job = rig.Job();
        await job.RunOnceAsync(CancellationToken.None);
        long id = Assert.Single(await rig.WorkOrdersAsync()).Id;
        long resolvedMs = MaintenanceRig.NowMs + (10 * MaintenanceRig.MinuteMs);
        await using (DbConnection c = await rig.Store.Database.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("UPDATE work_orders SET state = 'resolved', resolved_ms = @resolvedMs WHERE id = @id", new { resolvedMs, id });
        }

        // Two clean readings after the resolve: not yet enough.
        await rig.WriteAsync([Reading(unit, resolvedMs + 60_000, 131), Reading(unit, resolvedMs + 120_000, 0), Reading(unit, resolvedMs + 180_000, 129)]);
        rig.Clock.Advance(TimeSpan.FromMinutes(20));
        MaintenanceRunResult early = await job.RunOnceAsync(CancellationToken.None);
        await rig.WriteAsync([Reading(unit, resolvedMs + 240_000, 130)]);
        rig.Clock.Advance(TimeSpan.FromMinutes(20));
        MaintenanceRunResult later = await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, 1), (early.Verified, later.Verified));
        (long verifiedId, string actor, string evidence) = Assert.Single(rig.Verifier.Calls);
        Assert.Equal((id, FilterChangeVerifier.Actor), (verifiedId, actor));
        Assert.Contains("after the change 131, 129, 130 Pa", evidence, StringComparison.Ordinal);
        Assert.Matches(@"Filter ΔP before 4\d\d Pa", evidence);
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task RunOnce_InfluxUnreachable_QueryFailuresCountedNoCrash(DatabaseProvider provider)
    {
        await using MaintenanceRig rig = await MaintenanceRig.CreateAsync(provider, postgres, influxd.Server);

        MaintenanceRunResult run = await rig.Job(influxUrl: new Uri("http://127.0.0.1:9")).RunOnceAsync(CancellationToken.None);

        Assert.Equal((true, 2, 0), (run.Ran, run.QueryFailures, run.Opened));
    }

    private static TelemetryPoint Reading(DeviceTags unit, long at, double pa) => new(unit, "filter.differential-pressure", pa, "Pa", Quality.Good, at);

    /// <summary>Deterministic wobble so fits are not perfect lines.</summary>
    private static double Noise(double hours, double amplitude) => amplitude * Math.Sin(hours * 7.3);

    /// <summary>A filter rising from 300 Pa by 5 Pa/h for 24 h (≈ 420 Pa now, 450 Pa in ≈ 6 h), fan otherwise healthy.</summary>
    private static IEnumerable<TelemetryPoint> Clogging(string id)
    {
        DeviceTags unit = MaintenanceRig.Ahu(id);
        return MaintenanceRig.History(unit, "filter.differential-pressure", "Pa", 24, Step, h => 300 + (5 * h) + Noise(h, 2))
            .Concat(MaintenanceRig.History(unit, "filter.final-resistance", "Pa", 24, Step, _ => 450))
            .Concat(MaintenanceRig.History(unit, "fan.vibration", "mm/s", 24, Step, h => 1.2 + Noise(h, 0.05)))
            .Concat(MaintenanceRig.History(unit, "fan.run-hours", "h", 24, Step, h => Math.Floor(10_000 + h)));
    }

    /// <summary>A unit with a clean-ish filter barely loading, low vibration and run hours far from a service.</summary>
    private static IEnumerable<TelemetryPoint> Healthy(string id)
    {
        DeviceTags unit = MaintenanceRig.Ahu(id);
        return MaintenanceRig.History(unit, "filter.differential-pressure", "Pa", 24, Step, h => 200 + (0.05 * h) + Noise(h, 2))
            .Concat(MaintenanceRig.History(unit, "filter.final-resistance", "Pa", 24, Step, _ => 450))
            .Concat(MaintenanceRig.History(unit, "fan.vibration", "mm/s", 24, Step, h => 1.1 + Noise(h, 0.05)))
            .Concat(MaintenanceRig.History(unit, "fan.run-hours", "h", 24, Step, h => Math.Floor(21_000 + h)));
    }
}
