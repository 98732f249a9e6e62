namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>
/// A daily shift in the site's local minutes of the day, start inclusive and end exclusive: 0–1440 is all
/// day; a start after the end crosses midnight (night shift 1320–360 is 22:00–06:00); equal is never.
/// </summary>
/// <param name="StartMinute">First minute on shift, 0…1440.</param>
/// <param name="EndMinute">First minute off shift, 0…1440.</param>
public sealed record ShiftWindow(int StartMinute, int EndMinute)
{
    /// <summary>The number of minutes in a day.</summary>
    public const int MinutesPerDay = 1440;

    /// <summary>Gets the whole day.</summary>
    public static ShiftWindow AllDay { get; } = new(0, MinutesPerDay);

    /// <summary>Whether a local minute of the day falls in the shift.</summary>
    /// <param name="minuteOfDay">0…1439.</param>
    /// <returns>True when on shift.</returns>
    public bool Contains(int minuteOfDay) => StartMinute <= EndMinute
        ? minuteOfDay >= StartMinute && minuteOfDay < EndMinute
        : minuteOfDay >= StartMinute || minuteOfDay < EndMinute;

    /// <summary>The local minute of the day at an instant, for a site at a fixed UTC offset.</summary>
    /// <param name="unixMs">The instant, Unix ms.</param>
    /// <param name="siteUtcOffset">The site's offset from UTC (e.g. +01:00).</param>
    /// <returns>0…1439.</returns>
    public static int MinuteOfDay(long unixMs, TimeSpan siteUtcOffset)
    {
        long localMinutes = Math.DivRem(unixMs + (long)siteUtcOffset.TotalMilliseconds, 60_000L).Quotient;
        long minute = localMinutes % MinutesPerDay;
        return (int)(minute < 0 ? minute + MinutesPerDay : minute);
    }
}
