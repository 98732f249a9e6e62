namespace Hpms.Cloud.Domain.Replenishment;

/// <summary>
/// When a liquid-oxygen tank runs dry at its recent rate of use: a straight line through two level
/// readings. Rising or flat levels (a fill, no use) give no forecast.
/// </summary>
public static class LoxForecast
{
    private const double MsPerDay = 86_400_000;

    /// <summary>Days until the level reaches zero, extrapolating from an earlier to a later reading.</summary>
    /// <param name="earlierPercent">Earlier level (%).</param>
    /// <param name="earlierUnixMs">Its time.</param>
    /// <param name="laterPercent">Later level (%).</param>
    /// <param name="laterUnixMs">Its time.</param>
    /// <returns>Days to empty, or null when the level is not falling or the readings are unusable.</returns>
    public static double? DaysToEmpty(double earlierPercent, long earlierUnixMs, double laterPercent, long laterUnixMs)
    {
        if (!double.IsFinite(earlierPercent) || !double.IsFinite(laterPercent) || laterUnixMs <= earlierUnixMs)
        {
            return null;
        }

        double perDay = (earlierPercent - laterPercent) / ((laterUnixMs - earlierUnixMs) / MsPerDay);
        if (perDay <= 0)
        {
            return null;
        }

        return Math.Max(0, laterPercent) / perDay;
    }

    /// <summary>Whether a delivery must be ordered now: the tank empties before a delivery ordered now arrives.</summary>
    /// <param name="daysToEmpty">Forecast (null = no forecast).</param>
    /// <param name="leadTimeDays">The supplier's delivery lead time.</param>
    /// <returns>True when an order is due.</returns>
    public static bool DeliveryDue(double? daysToEmpty, double leadTimeDays) => daysToEmpty is double d && d < leadTimeDays;
}
