using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class LinearTrendTests
{
    private const long H = Series.HourMs;

    [Fact]
    public void Fit_HandComputedFourPoints_GivesSlopeInterceptRSquaredAndSlopeError()
    {
        // x = 0,1,2,3 h; y = 1,3,2,5: Sxx = 5, Sxy = 5.5, Syy = 8.75 → slope 1.1/h, SSE = 8.75 − 1.1·5.5 = 2.7,
        // R² = 1 − 2.7/8.75 = 0.691429, SE = √(2.7/2/5) = 0.519615, fitted at x = 3: 2.75 + 1.1·1.5 = 4.4.
        TrendPoint[] points = [new(0, 1), new(H, 3), new(2 * H, 2), new(3 * H, 5)];

        LinearTrend t = LinearTrend.Fit(points);

        Assert.Equal(TrendFitStatus.Fitted, t.Status);
        Assert.Equal(4, t.Count);
        Assert.Equal(1.1, t.SlopePerHour, 12);
        Assert.Equal(26.4, t.SlopePerDay, 10);
        Assert.Equal(0.691429, t.RSquared, 6);
        Assert.Equal(0.519615, t.SlopeStandardError, 6);
        Assert.Equal(4.4, t.FittedAtLast, 12);
        Assert.Equal(3 * H, t.LastTimeUnixMs);
        Assert.Equal(5, t.LastValue);
    }

    [Fact]
    public void Fit_UnorderedPoints_SameAsOrdered()
    {
        TrendPoint[] points = [new(2 * H, 2), new(0, 1), new(3 * H, 5), new(H, 3)];

        LinearTrend t = LinearTrend.Fit(points);

        Assert.Equal((1.1, 4.4, 5.0), (Math.Round(t.SlopePerHour, 12), Math.Round(t.FittedAtLast, 12), t.LastValue));
    }

    [Fact]
    public void Fit_ExactLine_RSquaredOneAndNoSlopeError()
    {
        LinearTrend t = LinearTrend.Fit(Series.Line(100, 2.5, 10));

        Assert.Equal((2.5, 1.0, 0.0, 125.0), (Math.Round(t.SlopePerHour, 9), Math.Round(t.RSquared, 9), Math.Round(t.SlopeStandardError, 9), Math.Round(t.FittedAtLast, 9)));
    }

    [Fact]
    public void Fit_LargeUnixTimes_LoseNoPrecision()
    {
        LinearTrend t = LinearTrend.Fit(Series.Line(300, 0.001, 48));

        Assert.Equal(0.001, t.SlopePerHour, 9);
    }

    [Fact]
    public void Fit_TwoPoints_TooFewWithMeanAndLast()
    {
        LinearTrend t = LinearTrend.Fit([new TrendPoint(0, 1), new TrendPoint(H, 3)]);

        Assert.Equal((TrendFitStatus.TooFewPoints, 2, 2.0, 3.0, 0.0), (t.Status, t.Count, t.FittedAtLast, t.LastValue, t.SlopePerHour));
        Assert.Null(t.TimeToReach(10));
    }

    [Fact]
    public void Fit_Empty_TooFewAndNaN()
    {
        LinearTrend t = LinearTrend.Fit([]);

        Assert.Equal((TrendFitStatus.TooFewPoints, 0), (t.Status, t.Count));
        Assert.True(double.IsNaN(t.LastValue));
    }

    [Fact]
    public void Fit_AllValuesEqual_FlatWithZeroSlope()
    {
        LinearTrend t = LinearTrend.Fit(Series.Line(7, 0, 5));

        Assert.Equal((TrendFitStatus.Flat, 6, 0.0, 0.0, 7.0), (t.Status, t.Count, t.SlopePerHour, t.RSquared, t.FittedAtLast));
        Assert.Null(t.TimeToReach(8));
    }

    [Fact]
    public void Fit_AllAtOneTime_SameTime()
    {
        LinearTrend t = LinearTrend.Fit([new TrendPoint(5, 1), new TrendPoint(5, 2), new TrendPoint(5, 3)]);

        Assert.Equal((TrendFitStatus.SameTime, 2.0), (t.Status, t.FittedAtLast));
    }

    [Fact]
    public void Fit_NaNAndInfinity_SkippedAndCounted()
    {
        List<TrendPoint> points = Series.Line(10, 1, 4);
        points.Add(new TrendPoint(Series.End + H, double.NaN));
        points.Add(new TrendPoint(Series.End + (2 * H), double.PositiveInfinity));

        LinearTrend t = LinearTrend.Fit(points);

        Assert.Equal((TrendFitStatus.Fitted, 5, 2, 1.0, Series.End, 14.0), (t.Status, t.Count, t.Rejected, Math.Round(t.SlopePerHour, 9), t.LastTimeUnixMs, t.LastValue));
    }

    [Fact]
    public void TimeToReach_RisingLine_HoursAheadOfTheLastPoint()
    {
        // y = 1 + 2x at x = 0..2 h: fitted 5 at the last point; 11 is 3 h later.
        LinearTrend t = LinearTrend.Fit([new TrendPoint(0, 1), new TrendPoint(H, 3), new TrendPoint(2 * H, 5)]);

        Assert.Equal(5 * H, t.TimeToReach(11));
        Assert.Null(t.TimeToReach(4)); // already past
        Assert.Equal(5.0, t.ValueAt(2 * H), 9);
    }

    [Fact]
    public void TimeToReach_FallingLine_ReachesOnlyLevelsBelow()
    {
        LinearTrend t = LinearTrend.Fit(Series.Line(10, -1, 5));

        Assert.Null(t.TimeToReach(100));
        Assert.Equal(Series.End + (2 * H), t.TimeToReach(3));
        Assert.Null(t.TimeToReach(5.5));
    }

    [Fact]
    public void TrendTrust_AcceptsOnlyEnoughPointsAndRSquared()
    {
        var trust = new TrendTrust { MinPoints = 4, MinRSquared = 0.7 };
        LinearTrend noisy = LinearTrend.Fit([new(0, 1), new(H, 3), new(2 * H, 2), new(3 * H, 5)]); // R² 0.69

        Assert.False(trust.Accepts(noisy));
        Assert.True(new TrendTrust { MinPoints = 4, MinRSquared = 0.69 }.Accepts(noisy));
        Assert.False(trust.Accepts(LinearTrend.Fit(Series.Line(0, 1, 2)))); // 3 points
        Assert.True(trust.Accepts(LinearTrend.Fit(Series.Line(0, 1, 3))));
    }
}
