using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.Tests.WorkOrders;

public sealed class WorkOrderKpisTests
{
    // Times in minutes; the period is [0, 1000) min; team zone z1. Hand-computed figures in the asserts.
    private const long M = 60_000;

    private static readonly WorkOrderRecord[] s_records =
    [
        // 1: answered in 10 (due 15), resolved at 100 (due 240), closed, never reopened.
        Rec(1, WorkOrderState.Closed, created: 0, accepted: 10, resolved: 100, closed: 200),
        // 2: answered late (30 > 15), resolved late (300 > 240), reopened once, open.
        Rec(2, WorkOrderState.Resolved, created: 100, accepted: 130, resolved: 400, reopens: 1),
        // 3: never answered; both deadlines passed within the period.
        Rec(3, WorkOrderState.Created, created: 200),
        // 4: cancelled: counts as created, nowhere else.
        Rec(4, WorkOrderState.Cancelled, created: 300, cancelled: 350),
        // 5: answered in 5 (due 15); resolution due after the period: not yet known.
        Rec(5, WorkOrderState.InProgress, created: 900, accepted: 905),
        // 6: created before the period: backlog only.
        Rec(6, WorkOrderState.Assigned, created: -100),
        // 7: another zone.
        Rec(7, WorkOrderState.Created, created: 50, zone: "z2"),
        // 8: accepted only after the period end: a response breach within it.
        Rec(8, WorkOrderState.Accepted, created: 500, accepted: 1200),
    ];

    private static WorkOrderRecord Rec(long id, WorkOrderState state, long created, long? accepted = null, long? resolved = null, long? closed = null, long? cancelled = null, int reopens = 0, string zone = "z1") =>
        new(id, state, "hvac", zone, created * M, (created + 15) * M, (created + 240) * M, accepted * M, resolved * M, closed * M, cancelled * M, reopens);

    [Fact]
    public void Calculate_ZoneTeam_MatchesTheHandComputedFigures()
    {
        KpiReport r = WorkOrderKpis.Calculate(s_records, 0, 1000 * M, new KpiTeam("z1", null));

        Assert.Equal("zone:z1", r.Team);
        Assert.Equal(6, r.Created);                                   // 1, 2, 3, 4, 5, 8
        Assert.Equal(TimeSpan.FromMinutes(15), r.MeanResponse);       // (10 + 30 + 5) / 3
        Assert.Equal(TimeSpan.FromMinutes(200), r.MeanResolution);    // (100 + 300) / 2
        Assert.Equal(40.0, r.ResponseCompliancePercent);              // 1 and 5 of 1, 2, 3, 5, 8
        Assert.Equal(25.0, r.ResolutionCompliancePercent);            // 1 of 1, 2, 3, 8 (5 not due yet)
        Assert.Equal(50.0, r.FirstTimeFixPercent);                    // 1 of 1, 2
        Assert.Equal(20.0, r.ClosureRatePercent);                     // 1 of 1, 2, 3, 5, 8
        Assert.Equal(5, r.Backlog);                                   // 2, 3, 5, 6, 8
    }

    [Fact]
    public void Calculate_Everyone_IncludesTheOtherZone()
    {
        KpiReport r = WorkOrderKpis.Calculate(s_records, 0, 1000 * M, KpiTeam.Everyone);

        Assert.Equal(7, r.Created);
        Assert.Equal(6, r.Backlog);
        Assert.Equal(100.0 * 2 / 6, r.ResponseCompliancePercent);
    }

    [Fact]
    public void Calculate_EmptyPeriod_GivesNullRatiosAndTheBacklog()
    {
        KpiReport r = WorkOrderKpis.Calculate(s_records, -50 * M, -10 * M, new KpiTeam(null, "hvac"));

        Assert.Equal((0, (TimeSpan?)null, (double?)null, (double?)null, 1), (r.Created, r.MeanResponse, r.FirstTimeFixPercent, r.ClosureRatePercent, r.Backlog));
    }

    [Theory]
    [InlineData(null, "all")]
    [InlineData("", "all")]
    [InlineData("zone:icu-3", "zone:icu-3")]
    [InlineData("skill:hvac", "skill:hvac")]
    public void KpiTeam_TryParse_ReadsZoneSkillOrEveryone(string? text, string expected)
    {
        Assert.True(KpiTeam.TryParse(text, out KpiTeam? team));
        Assert.Equal(expected, team.ToString());
    }

    [Theory]
    [InlineData("zone:")]
    [InlineData("hvac")]
    [InlineData("site:x")]
    public void KpiTeam_TryParse_RefusesAnythingElse(string text) => Assert.False(KpiTeam.TryParse(text, out _));
}
