using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.Tests.WorkOrders;

public sealed class DispatchPolicyTests
{
    private const int Noon = 12 * 60;

    private static TechnicianCandidate Tech(string id, string skills = "hvac", string zones = "z1", int load = 0, int start = 0, int end = 1440, int level = 1, bool active = true) =>
        new(id, skills.Split(',').ToHashSet(StringComparer.Ordinal), zones.Split(',').ToHashSet(StringComparer.Ordinal), new ShiftWindow(start, end), level, active, load);

    [Fact]
    public void Choose_SkillIsRequired() =>
        Assert.Equal("b", DispatchPolicy.Choose("hvac", "z1", Noon, [Tech("a", skills: "refrigeration"), Tech("b", zones: "z9")]));

    [Fact]
    public void Choose_ZoneIsPreferredOverLoad() =>
        Assert.Equal("near-busy", DispatchPolicy.Choose("hvac", "z1", Noon, [Tech("far-idle", zones: "z2", load: 0), Tech("near-busy", zones: "z1,z3", load: 4)]));

    [Fact]
    public void Choose_NobodyInZone_TakesSomeoneElse() =>
        Assert.Equal("a", DispatchPolicy.Choose("hvac", "icu", Noon, [Tech("b", load: 1), Tech("a", load: 1)]));

    [Fact]
    public void Choose_LeastLoadedWins_ThenSmallestId()
    {
        Assert.Equal("c", DispatchPolicy.Choose("hvac", "z1", Noon, [Tech("a", load: 2), Tech("c", load: 1), Tech("b", load: 3)]));
        Assert.Equal("a", DispatchPolicy.Choose("hvac", "z1", Noon, [Tech("b", load: 1), Tech("a", load: 1), Tech("c", load: 1)]));
    }

    [Fact]
    public void Choose_OffShiftInactiveAndSupervisors_AreSkipped() =>
        Assert.Null(DispatchPolicy.Choose("hvac", "z1", Noon, [Tech("night", start: 1320, end: 360), Tech("gone", active: false), Tech("boss", level: 2)]));

    [Fact]
    public void Choose_NobodyAtAll_IsNull() => Assert.Null(DispatchPolicy.Choose("hvac", "z1", Noon, []));

    [Theory]
    [InlineData(480, 960, 479, false)]
    [InlineData(480, 960, 480, true)]
    [InlineData(480, 960, 959, true)]
    [InlineData(480, 960, 960, false)]
    [InlineData(1320, 360, 1400, true)]
    [InlineData(1320, 360, 0, true)]
    [InlineData(1320, 360, 359, true)]
    [InlineData(1320, 360, 360, false)]
    [InlineData(1320, 360, 720, false)]
    [InlineData(0, 1440, 1439, true)]
    [InlineData(600, 600, 600, false)]
    public void ShiftWindow_Contains_StartInclusiveEndExclusiveAcrossMidnight(int start, int end, int minute, bool expected) =>
        Assert.Equal(expected, new ShiftWindow(start, end).Contains(minute));

    [Theory]
    [InlineData("2026-11-23T23:30:00Z", 0, 1410)]
    [InlineData("2026-11-23T23:30:00Z", 60, 30)]
    [InlineData("2026-11-23T00:15:00Z", -300, 1155)]
    [InlineData("2026-11-23T08:00:59Z", 330, 810)]
    public void MinuteOfDay_AppliesTheSiteOffset(string utc, int offsetMinutes, int expected) =>
        Assert.Equal(expected, ShiftWindow.MinuteOfDay(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(offsetMinutes)));

    [Fact]
    public void Choose_NightShiftTechnician_IsChosenAt2300LocalOnly()
    {
        TechnicianCandidate[] team = [Tech("day", start: 420, end: 1140), Tech("night", start: 1320, end: 420)];
        long at2230Utc = DateTimeOffset.Parse("2026-11-23T22:30:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        Assert.Equal("night", DispatchPolicy.Choose("hvac", "z1", ShiftWindow.MinuteOfDay(at2230Utc, TimeSpan.FromHours(1)), team));
        Assert.Equal("day", DispatchPolicy.Choose("hvac", "z1", ShiftWindow.MinuteOfDay(at2230Utc, TimeSpan.FromHours(-12)), team));
    }
}
