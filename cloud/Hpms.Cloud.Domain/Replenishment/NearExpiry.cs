namespace Hpms.Cloud.Domain.Replenishment;

/// <summary>Which lots expire soon enough that a pharmacist should use them first or replace them.</summary>
public static class NearExpiry
{
    private const long MsPerDay = 86_400_000;

    /// <summary>Whether a lot expires within <paramref name="nearExpiryDays"/> of <paramref name="nowUnixMs"/> (already expired counts).</summary>
    /// <param name="expiryUnixMs">Expiry, if known (unknown is never near).</param>
    /// <param name="nowUnixMs">Now.</param>
    /// <param name="nearExpiryDays">The item's window.</param>
    /// <returns>True when near or past expiry.</returns>
    public static bool IsNear(long? expiryUnixMs, long nowUnixMs, int nearExpiryDays) =>
        expiryUnixMs is long expiry && expiry - nowUnixMs <= Math.Max(0, nearExpiryDays) * MsPerDay;

    /// <summary>The lots among <paramref name="lots"/> that are near expiry, soonest first.</summary>
    /// <param name="lots">Lots.</param>
    /// <param name="nowUnixMs">Now.</param>
    /// <param name="nearExpiryDays">The item's window.</param>
    /// <returns>Near-expiry lots.</returns>
    public static IReadOnlyList<StockLot> Select(IEnumerable<StockLot> lots, long nowUnixMs, int nearExpiryDays)
    {
        ArgumentNullException.ThrowIfNull(lots);
        return lots.Where(l => IsNear(l.ExpiryUnixMs, nowUnixMs, nearExpiryDays)).OrderBy(l => l.ExpiryUnixMs).ThenBy(l => l.Bin).ToList();
    }

    /// <summary>
    /// A cabinet's expiry register (<c>binNN.expiry</c>, yyyymmdd as a number, e.g. 20271231) as the UTC
    /// midnight that day begins; null for 0 or anything that is not a date.
    /// </summary>
    /// <param name="yyyymmdd">The register value.</param>
    /// <returns>Unix ms, or null.</returns>
    public static long? FromYyyymmdd(double yyyymmdd)
    {
        if (!double.IsFinite(yyyymmdd) || yyyymmdd < 10000101 || yyyymmdd > 99991231 || yyyymmdd != Math.Floor(yyyymmdd))
        {
            return null;
        }

        int v = (int)yyyymmdd;
        int year = v / 10000, month = v / 100 % 100, day = v % 100;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }
}
