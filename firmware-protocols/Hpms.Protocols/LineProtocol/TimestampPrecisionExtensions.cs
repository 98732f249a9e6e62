namespace Hpms.Protocols.LineProtocol;

/// <summary>
/// The <c>precision</c> query value of each InfluxDB write API and the conversion of the product's
/// millisecond timestamps into a precision.
/// </summary>
public static class TimestampPrecisionExtensions
{
    /// <summary>Largest timestamp magnitude InfluxDB accepts, in nanoseconds (line-protocol reference, "Unix timestamp").</summary>
    public const long MaxAbsoluteNanoseconds = 9_223_372_036_854_775_806;

    /// <summary>The value of <c>precision</c> for the InfluxDB 1.x <c>/write</c> endpoint (<c>n</c>, <c>u</c>, <c>ms</c>, <c>s</c>).</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>The query value.</returns>
    public static string ToV1QueryValue(this TimestampPrecision precision) => precision switch
    {
        TimestampPrecision.Nanoseconds => "n",
        TimestampPrecision.Microseconds => "u",
        TimestampPrecision.Milliseconds => "ms",
        TimestampPrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>The value of <c>precision</c> for the InfluxDB 2.x <c>/api/v2/write</c> endpoint (<c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>).</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>The query value.</returns>
    public static string ToV2QueryValue(this TimestampPrecision precision) => precision switch
    {
        TimestampPrecision.Nanoseconds => "ns",
        TimestampPrecision.Microseconds => "us",
        TimestampPrecision.Milliseconds => "ms",
        TimestampPrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>Nanoseconds in one unit of the precision.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>1, 1,000, 1,000,000 or 1,000,000,000.</returns>
    public static long NanosecondsPerUnit(this TimestampPrecision precision) => precision switch
    {
        TimestampPrecision.Nanoseconds => 1,
        TimestampPrecision.Microseconds => 1_000,
        TimestampPrecision.Milliseconds => 1_000_000,
        TimestampPrecision.Seconds => 1_000_000_000,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>
    /// Converts Unix milliseconds into a timestamp of the precision; false when the result is outside
    /// what InfluxDB accepts (about the years 1678 to 2262).
    /// </summary>
    /// <param name="precision">Target precision.</param>
    /// <param name="unixMs">UTC milliseconds since the epoch.</param>
    /// <param name="timestamp">The timestamp in <paramref name="precision"/> units.</param>
    /// <returns>Whether it is in range.</returns>
    public static bool TryFromUnixMs(this TimestampPrecision precision, long unixMs, out long timestamp)
    {
        timestamp = precision switch
        {
            TimestampPrecision.Seconds => Math.DivRem(unixMs, 1000, out long rest) - (rest < 0 ? 1 : 0),
            TimestampPrecision.Milliseconds => unixMs,
            _ => unixMs * (1_000_000 / precision.NanosecondsPerUnit()),
        };

        // Checked in milliseconds first so the multiplication above cannot have wrapped unnoticed.
        const long limitMs = MaxAbsoluteNanoseconds / 1_000_000;
        return unixMs >= -limitMs && unixMs <= limitMs && IsInRange(precision, timestamp);
    }

    /// <summary>True when a timestamp of the precision is within InfluxDB's nanosecond range.</summary>
    /// <param name="precision">Its precision.</param>
    /// <param name="timestamp">The timestamp.</param>
    /// <returns>Whether InfluxDB can store it.</returns>
    public static bool IsInRange(this TimestampPrecision precision, long timestamp) =>
        timestamp >= -(MaxAbsoluteNanoseconds / precision.NanosecondsPerUnit()) && timestamp <= MaxAbsoluteNanoseconds / precision.NanosecondsPerUnit();
}
