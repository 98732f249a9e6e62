namespace Hpms.Edge.Rules;

/// <summary>
/// One finished cold-chain excursion: the stretch between the first reading out of range and the first
/// reading back in range, as a pharmacy's temperature log records it.
/// </summary>
/// <param name="StartUnixMs">First reading out of range.</param>
/// <param name="EndUnixMs">First reading back in range.</param>
/// <param name="PeakC">The reading furthest out of range.</param>
/// <param name="TimeOutOfRange">Time attributed to out-of-range readings (sample-and-hold, gaps longer than the rule's maximum sample gap excluded).</param>
/// <param name="MeanKineticTemperatureC">MKT over the excursion, or null when no interval could be attributed.</param>
public sealed record ExcursionReport(long StartUnixMs, long EndUnixMs, double PeakC, TimeSpan TimeOutOfRange, double? MeanKineticTemperatureC);
