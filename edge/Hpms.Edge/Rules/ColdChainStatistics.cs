namespace Hpms.Edge.Rules;

/// <summary>Running cold-chain statistics of one fridge channel since the engine first saw it (or since restore).</summary>
/// <param name="RuleId">Cold-chain rule id.</param>
/// <param name="Site">Site of the device.</param>
/// <param name="DeviceId">Device id.</param>
/// <param name="Channel">Temperature channel.</param>
/// <param name="SampleCount">Good readings counted.</param>
/// <param name="MinC">Lowest reading, or null before the first.</param>
/// <param name="MaxC">Highest reading, or null before the first.</param>
/// <param name="TimeOutOfRange">Time attributed to readings outside the rule's range.</param>
/// <param name="CoveredTime">Time attributed to any reading (gaps longer than the maximum sample gap excluded).</param>
/// <param name="MeanKineticTemperatureC">MKT over the covered time, or null before two readings.</param>
/// <param name="FirstUnixMs">First reading, or null.</param>
/// <param name="LastUnixMs">Last reading, or null.</param>
public sealed record ColdChainStatistics(
    string RuleId,
    string Site,
    string DeviceId,
    string Channel,
    long SampleCount,
    double? MinC,
    double? MaxC,
    TimeSpan TimeOutOfRange,
    TimeSpan CoveredTime,
    double? MeanKineticTemperatureC,
    long? FirstUnixMs,
    long? LastUnixMs);
