using System.Globalization;

namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>Formats the figures in work-order descriptions the same way everywhere (invariant culture, UTC).</summary>
internal static class Figures
{
    public static string Number(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds((unixMs + 30_000) / 60_000 * 60_000).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string Hours(long fromUnixMs, long toUnixMs) => Number(Math.Max(0, toUnixMs - fromUnixMs) / 3_600_000.0, 1);

    public static string Fit(LinearTrend trend) => string.Create(
        CultureInfo.InvariantCulture,
        $"R² {Number(trend.RSquared, 2)}, n {trend.Count}, slope ±{Number(trend.SlopeStandardError, 3)}/h");
}
