using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Tests.Maintenance;

/// <summary>Builds test series: hourly points on a line, ending at <see cref="End"/>.</summary>
internal static class Series
{
    public const long HourMs = 3_600_000;

    public static readonly long End = DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    /// <summary>A predicted time within a millisecond (the fit's floating point).</summary>
    public static void AssertNear(long expected, long? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - 1, expected + 1);
    }

    /// <summary><paramref name="hours"/>+1 hourly points from <paramref name="start"/> rising <paramref name="perHour"/>, the last at <see cref="End"/>.</summary>
    public static List<TrendPoint> Line(double start, double perHour, int hours) =>
        [.. Enumerable.Range(0, hours + 1).Select(i => new TrendPoint(End - ((hours - i) * HourMs), start + (perHour * i)))];
}
