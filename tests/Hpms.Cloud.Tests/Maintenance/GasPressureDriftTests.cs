using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class GasPressureDriftTests
{
    private static readonly GasDriftPolicy s_policy = new();

    [Fact]
    public void Assess_FallingSixKPaPerDayWithinLimits_LeakSuspicionP3()
    {
        // 370 kPa falling 0.25 kPa/h (6 kPa/day) for 72 h → 352 kPa; low limit 289.6 in 62.4/6 = 10.4 days.
        TrendAssessment a = GasPressureDrift.Assess(Series.Line(370, -0.25, 72), null, null, s_policy, Series.End);

        MaintenanceFinding f = Assert.IsType<MaintenanceFinding>(a.Finding);
        Assert.Equal((MaintenanceCauses.GasPressureDrift, "P3"), (f.Cause, f.Priority));
        Assert.Contains("leak suspected", f.Title, StringComparison.Ordinal);
        Assert.Contains("O2 line pressure 352.0 kPa (limits 289.6–434.4 kPa) drifting -6.00 kPa/day", f.Description, StringComparison.Ordinal);
        Assert.Contains("low limit predicted at", f.Description, StringComparison.Ordinal);
        Series.AssertNear(Series.End + (long)(249.6 * Series.HourMs), a.PredictedUnixMs);
    }

    [Fact]
    public void Assess_FallingFastTowardsTheLowLimit_P2()
    {
        // 400 − 72 = 328 kPa, 24 kPa/day → 289.6 in 1.6 days.
        TrendAssessment a = GasPressureDrift.Assess(Series.Line(400, -1, 72), null, null, s_policy, Series.End);

        Assert.Equal("P2", a.Finding?.Priority);
    }

    [Fact]
    public void Assess_PanelLimitsWin()
    {
        // Low limit 340: 352 kPa at 6 kPa/day reaches it in 2 days → P2.
        TrendAssessment a = GasPressureDrift.Assess(Series.Line(370, -0.25, 72), 340, 400, s_policy, Series.End);

        Assert.Equal("P2", a.Finding?.Priority);
    }

    [Fact]
    public void Assess_Rising_RegulatorCreep()
    {
        TrendAssessment a = GasPressureDrift.Assess(Series.Line(355, 0.25, 72), null, null, s_policy, Series.End);

        Assert.Equal("P3", a.Finding?.Priority);
        Assert.Contains("regulator creep", a.Finding!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_DriftBelowTheLimit_Nothing()
    {
        // 2 kPa/day < 5.
        Assert.Null(GasPressureDrift.Assess(Series.Line(362, -2.0 / 24, 72), null, null, s_policy, Series.End).Finding);
    }

    [Fact]
    public void Assess_OutsideTheAlarmLimits_LeftToTheAlarm()
    {
        Assert.Null(GasPressureDrift.Assess(Series.Line(360, -1, 72), null, null, s_policy, Series.End).Finding); // 288 kPa now
    }

    [Fact]
    public void Assess_LineDown_ReadingsBelowTheValidMinimumIgnored()
    {
        Assert.Null(GasPressureDrift.Assess(Series.Line(0, 0, 72), null, null, s_policy, Series.End).Finding);
    }
}
