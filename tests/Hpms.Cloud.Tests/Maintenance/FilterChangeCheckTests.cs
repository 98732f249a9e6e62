using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class FilterChangeCheckTests
{
    private static readonly FilterVerificationPolicy s_policy = new() { BelowFractionOfFinal = 0.5, MinDropPa = 100, Readings = 3 };

    private static List<TrendPoint> After(params double[] values) =>
        [.. values.Select((v, i) => new TrendPoint(Series.End + (i * 60_000L), v))];

    [Fact]
    public void Assess_BelowHalfTheFinalResistance_Verified()
    {
        FilterChangeVerdict v = FilterChangeCheck.Assess(440, After(130, 128, 131), 450, 20, s_policy);

        Assert.True(v.Verified);
        Assert.Equal(
            "Filter ΔP before 440 Pa, after the change 130, 128, 131 Pa (3 readings up to 2026-03-01 12:02Z); final resistance 450 Pa, verified below 225 Pa or a drop of 100 Pa.",
            v.Evidence);
    }

    [Fact]
    public void Assess_DropOfTheMinimumFromBefore_Verified()
    {
        Assert.True(FilterChangeCheck.Assess(440, After(340, 335, 338), 450, 20, s_policy).Verified);
    }

    [Fact]
    public void Assess_SmallDrop_NotVerified()
    {
        Assert.False(FilterChangeCheck.Assess(440, After(400, 398, 401), 450, 20, s_policy).Verified);
    }

    [Fact]
    public void Assess_WorkOrderRaisedWhileDeltaPWasStillLow_DoesNotVerifyItselfWithoutAChange()
    {
        // Raised early at 180 Pa (below half of 450): readings that keep rising slowly are no filter change…
        Assert.False(FilterChangeCheck.Assess(180, After(182, 185, 188), 450, 20, s_policy).Verified);

        // …a clean filter (120 Pa, a third below) is.
        Assert.True(FilterChangeCheck.Assess(180, After(121, 120, 122), 450, 20, s_policy).Verified);
    }

    [Fact]
    public void Assess_OnlyTheNewestReadingsCount()
    {
        Assert.True(FilterChangeCheck.Assess(440, After(430, 420, 130, 128, 131), 450, 20, s_policy).Verified);
        Assert.False(FilterChangeCheck.Assess(440, After(130, 128, 131, 430), 450, 20, s_policy).Verified);
    }

    [Fact]
    public void Assess_TooFewReadingsOrFanStopped_NotYet()
    {
        FilterChangeVerdict v = FilterChangeCheck.Assess(440, After(130, 0, 0, 128), 450, 20, s_policy);

        Assert.False(v.Verified);
        Assert.Equal("2 of 3 readings after the resolve.", v.Evidence);
    }

    [Fact]
    public void Assess_BeforeUnknown_OnlyTheShareCounts()
    {
        Assert.False(FilterChangeCheck.Assess(null, After(300, 300, 300), 450, 20, s_policy).Verified);
        Assert.True(FilterChangeCheck.Assess(double.NaN, After(200, 200, 200), 450, 20, s_policy).Verified);
    }
}
