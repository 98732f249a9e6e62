using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class FilterForecastTests
{
    private static readonly FilterPolicy s_policy = new();

    [Fact]
    public void Assess_RisingTowardsTheLimitWithinADay_P2WithTheFigures()
    {
        // 300 Pa rising 5 Pa/h for 24 h → 420 Pa now; 450 Pa is 6 h away.
        TrendAssessment a = FilterForecast.Assess(Series.Line(300, 5, 24), null, s_policy, Series.End);

        Series.AssertNear(Series.End + (6 * Series.HourMs), a.PredictedUnixMs);
        MaintenanceFinding f = Assert.IsType<MaintenanceFinding>(a.Finding);
        Assert.Equal((MaintenanceCauses.FilterClogging, "P2"), (f.Cause, f.Priority));
        Assert.Contains("Filter ΔP 420 Pa rising 5.00 Pa/h", f.Description, StringComparison.Ordinal);
        Assert.Contains("R² 1.00, n 25", f.Description, StringComparison.Ordinal);
        Assert.Contains("final resistance 450 Pa predicted at 2026-03-01 18:00Z (in 6.0 h)", f.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_UnitReportsItsFinalResistance_UsedInsteadOfTheDefault()
    {
        // 420 Pa, 5 Pa/h, limit 600 Pa → 36 h → P3.
        TrendAssessment a = FilterForecast.Assess(Series.Line(300, 5, 24), 600, s_policy, Series.End);

        Series.AssertNear(Series.End + (36 * Series.HourMs), a.PredictedUnixMs);
        Assert.Equal("P3", a.Finding?.Priority);
    }

    [Fact]
    public void Assess_CrossingInFiveDays_P4()
    {
        // 300 + 24 = 324 Pa, 1 Pa/h → 126 h = 5.25 days.
        TrendAssessment a = FilterForecast.Assess(Series.Line(300, 1, 24), null, s_policy, Series.End);

        Assert.Equal("P4", a.Finding?.Priority);
    }

    [Fact]
    public void Assess_CrossingBeyondTheLeadTime_PredictionButNoWorkOrder()
    {
        // 312 Pa, 0.5 Pa/h → 276 h = 11.5 days > 7.
        TrendAssessment a = FilterForecast.Assess(Series.Line(300, 0.5, 24), null, s_policy, Series.End);

        Series.AssertNear(Series.End + (276 * Series.HourMs), a.PredictedUnixMs);
        Assert.Null(a.Finding);
    }

    [Fact]
    public void Assess_NoisyFit_NotTrusted()
    {
        List<TrendPoint> zigzag = [.. Series.Line(300, 1, 24).Select((p, i) => p with { Value = p.Value + (i % 2 == 0 ? 60 : -60) })];

        TrendAssessment a = FilterForecast.Assess(zigzag, null, s_policy, Series.End);

        Assert.True(a.Trend!.RSquared < s_policy.Trust.MinRSquared);
        Assert.Null(a.Finding);
        Assert.Null(a.PredictedUnixMs);
    }

    [Fact]
    public void Assess_TooFewPoints_NoPrediction()
    {
        TrendAssessment a = FilterForecast.Assess(Series.Line(380, 10, 5), null, s_policy, Series.End);

        Assert.Null(a.Finding);
    }

    [Fact]
    public void Assess_AlreadyAtTheLimit_P2AtOnce()
    {
        TrendAssessment a = FilterForecast.Assess([new TrendPoint(Series.End, 455)], null, s_policy, Series.End);

        Assert.Equal("P2", a.Finding?.Priority);
        Assert.Contains("455 Pa has reached the final resistance 450 Pa", a.Finding!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_FanStoppedReadings_Ignored()
    {
        List<TrendPoint> points = Series.Line(300, 5, 24);
        points.Add(new TrendPoint(Series.End + 60_000, 0)); // fan off: ΔP ≈ 0

        TrendAssessment a = FilterForecast.Assess(points, null, s_policy, Series.End);

        Assert.Equal((25, 420.0), (a.Trend!.Count, a.Trend.LastValue));
        Assert.Equal("P2", a.Finding?.Priority);
    }

    [Fact]
    public void Assess_FallingOrFlat_Nothing()
    {
        Assert.Null(FilterForecast.Assess(Series.Line(300, -1, 24), null, s_policy, Series.End).Finding);
        Assert.Null(FilterForecast.Assess(Series.Line(300, 0, 24), null, s_policy, Series.End).Finding);
        Assert.Null(FilterForecast.Assess([], null, s_policy, Series.End).Finding);
    }

    [Theory]
    [InlineData(0, "P2")]
    [InlineData(24, "P2")]
    [InlineData(25, "P3")]
    [InlineData(72, "P3")]
    [InlineData(73, "P4")]
    public void Urgency_ByHoursLeft(int hours, string priority) =>
        Assert.Equal(priority, new Urgency().PriorityFor(TimeSpan.FromHours(hours)));
}
