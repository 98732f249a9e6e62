using System.Text.Json.Serialization;

namespace Hpms.Cloud.Domain.ColdChain;

/// <summary>
/// What a cold-chain excursion did to the stock: when it started and ended, how warm (or cold) it got,
/// how long readings were out of range and the mean kinetic temperature; stored with the alarm for the
/// pharmacist deciding whether to release or discard. Parts the edge did not send are null.
/// </summary>
/// <param name="StartUnixMs">Excursion start (UTC ms).</param>
/// <param name="EndUnixMs">Back in range (UTC ms).</param>
/// <param name="PeakC">Peak temperature.</param>
/// <param name="TimeOutOfRangeSeconds">Time out of range.</param>
/// <param name="MktC">Mean kinetic temperature over the excursion.</param>
public sealed record ExcursionReport(
    [property: JsonPropertyName("start_ms")] long? StartUnixMs,
    [property: JsonPropertyName("end_ms")] long? EndUnixMs,
    [property: JsonPropertyName("peak_c")] double? PeakC,
    [property: JsonPropertyName("time_out_of_range_s")] double? TimeOutOfRangeSeconds,
    [property: JsonPropertyName("mkt_c")] double? MktC)
{
    /// <summary>Value key of the excursion start.</summary>
    public const string StartKey = "excursion_start";

    /// <summary>Value key of the excursion end.</summary>
    public const string EndKey = "excursion_end";

    /// <summary>Value key of the peak temperature.</summary>
    public const string PeakKey = "excursion_peak_c";

    /// <summary>Value key of the time out of range.</summary>
    public const string TimeOutOfRangeKey = "time_out_of_range_s";

    /// <summary>Value key of the mean kinetic temperature.</summary>
    public const string MktKey = "mkt_c";

    /// <summary>
    /// The report in an event's values; for a threshold event (no excursion keys) the start is the
    /// event's start and the peak its <c>peak</c> or <c>value</c>. Null when nothing is known.
    /// </summary>
    /// <param name="values">The event's values.</param>
    /// <param name="startedUnixMs">The event's start.</param>
    /// <returns>The report, or null.</returns>
    public static ExcursionReport? FromValues(IReadOnlyDictionary<string, double> values, long startedUnixMs)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.ContainsKey(StartKey) || values.ContainsKey(TimeOutOfRangeKey))
        {
            return new ExcursionReport(
                AsMs(Get(values, StartKey)) ?? startedUnixMs,
                AsMs(Get(values, EndKey)),
                Get(values, PeakKey),
                Get(values, TimeOutOfRangeKey),
                Get(values, MktKey));
        }

        double? peak = Get(values, "peak") ?? Get(values, "value");
        return peak is null ? null : new ExcursionReport(startedUnixMs, null, peak, null, null);
    }

    private static double? Get(IReadOnlyDictionary<string, double> values, string key) =>
        values.TryGetValue(key, out double v) && double.IsFinite(v) ? v : null;

    private static long? AsMs(double? value) => value is double v ? (long)v : null;
}
