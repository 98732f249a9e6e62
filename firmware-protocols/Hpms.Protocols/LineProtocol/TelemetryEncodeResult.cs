namespace Hpms.Protocols.LineProtocol;

/// <summary>What <see cref="TelemetryLineEncoder.Encode"/> did with a batch; every point lands in exactly one count.</summary>
/// <param name="Lines">Lines written.</param>
/// <param name="Values">Good, finite readings written as channel fields.</param>
/// <param name="QualityFlags">Bad or stale readings written as <c>&lt;channel&gt;_quality</c> fields (value omitted).</param>
/// <param name="NonFiniteValues">Good readings that were NaN or infinite: value omitted, flagged bad (also counted in <paramref name="QualityFlags"/>).</param>
/// <param name="InvalidChannels">Points dropped because the channel name cannot be a field key.</param>
/// <param name="RejectedPoints">Points dropped because their line was refused (bad device class or tags, timestamp out of range).</param>
public readonly record struct TelemetryEncodeResult(int Lines, int Values, int QualityFlags, int NonFiniteValues, int InvalidChannels, int RejectedPoints);
