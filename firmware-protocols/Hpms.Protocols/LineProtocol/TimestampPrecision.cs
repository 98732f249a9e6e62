namespace Hpms.Protocols.LineProtocol;

/// <summary>
/// Unit of the timestamps in a line-protocol body. The write request must name the same unit
/// (<see cref="TimestampPrecisionExtensions.ToV1QueryValue"/>, <see cref="TimestampPrecisionExtensions.ToV2QueryValue"/>);
/// InfluxDB recommends the coarsest precision that loses nothing, because it compresses better.
/// </summary>
public enum TimestampPrecision
{
    /// <summary>Nanoseconds, InfluxDB's default when the request names no precision.</summary>
    Nanoseconds,

    /// <summary>Microseconds.</summary>
    Microseconds,

    /// <summary>Milliseconds: the product's readings are stamped in ms, so this loses nothing.</summary>
    Milliseconds,

    /// <summary>Seconds (sub-second parts are floored away).</summary>
    Seconds,
}
