using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

public sealed class VibrationSeverityTests
{
    [Theory]
    [InlineData(VibrationMachineClass.Group2Rigid, 1.39, VibrationZone.A)]
    [InlineData(VibrationMachineClass.Group2Rigid, 1.4, VibrationZone.B)]
    [InlineData(VibrationMachineClass.Group2Rigid, 2.79, VibrationZone.B)]
    [InlineData(VibrationMachineClass.Group2Rigid, 2.8, VibrationZone.C)]
    [InlineData(VibrationMachineClass.Group2Rigid, 4.5, VibrationZone.D)]
    [InlineData(VibrationMachineClass.Group2Flexible, 4.4, VibrationZone.B)]
    [InlineData(VibrationMachineClass.Group1Rigid, 7.1, VibrationZone.D)]
    [InlineData(VibrationMachineClass.Group1Flexible, 10.9, VibrationZone.C)]
    [InlineData(VibrationMachineClass.Group1Flexible, 11.0, VibrationZone.D)]
    public void ZoneOf_Iso10816Part3Boundaries(VibrationMachineClass machineClass, double mmPerS, VibrationZone zone) =>
        Assert.Equal(zone, VibrationZoneLimits.For(machineClass).ZoneOf(mmPerS));

    [Fact]
    public void Assess_InZoneD_P2()
    {
        TrendAssessment a = VibrationSeverity.Assess(Series.Line(2, 0.125, 24), new VibrationPolicy(), Series.End); // 5.0 mm/s now

        Assert.Equal((MaintenanceCauses.Vibration, "P2"), (a.Finding?.Cause, a.Finding?.Priority));
        Assert.Contains("Fan vibration 5.00 mm/s RMS, zone D", a.Finding!.Description, StringComparison.Ordinal);
        Assert.Contains("trend 3.000 mm/s per day", a.Finding.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_InZoneC_P3()
    {
        TrendAssessment a = VibrationSeverity.Assess(Series.Line(3.0, 0, 24), new VibrationPolicy(), Series.End);

        Assert.Equal("P3", a.Finding?.Priority);
        Assert.Contains("zone C", a.Finding!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_ZoneCOfAFlexibleMount_IsStillBForAFlexibleClass()
    {
        TrendAssessment a = VibrationSeverity.Assess(Series.Line(3.0, 0, 24), new VibrationPolicy { MachineClass = VibrationMachineClass.Group2Flexible }, Series.End);

        Assert.Null(a.Finding);
    }

    [Fact]
    public void Assess_RisingIntoZoneCWithinTheLeadTime_P4WithPrediction()
    {
        // 1.5 mm/s + 0.05/h × 24 h = 2.7 mm/s now; B/C 2.8 is 2 h away.
        TrendAssessment a = VibrationSeverity.Assess(Series.Line(1.5, 0.05, 24), new VibrationPolicy(), Series.End);

        Series.AssertNear(Series.End + (2 * Series.HourMs), a.PredictedUnixMs);
        Assert.Equal("P4", a.Finding?.Priority);
        Assert.Contains("zone C predicted at 2026-03-01 14:00Z (in 2.0 h)", a.Finding!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_RisingSlowly_PredictionOutsideTheLeadTime_NoWorkOrder()
    {
        // 1.224 mm/s now rising 0.001/h: 2.8 in 1,576 h.
        TrendAssessment a = VibrationSeverity.Assess(Series.Line(1.2, 0.001, 24), new VibrationPolicy(), Series.End);

        Assert.NotNull(a.PredictedUnixMs);
        Assert.Null(a.Finding);
    }

    [Fact]
    public void Assess_FanStopped_Nothing()
    {
        TrendAssessment a = VibrationSeverity.Assess(Series.Line(0, 0, 24), new VibrationPolicy(), Series.End);

        Assert.Equal(0, a.Trend!.Count);
        Assert.Null(a.Finding);
    }
}
