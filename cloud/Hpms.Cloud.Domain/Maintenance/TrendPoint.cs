namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>One reading of a series (often a downsampled mean) at a time.</summary>
/// <param name="TimeUnixMs">When, Unix milliseconds.</param>
/// <param name="Value">The value, in the channel's unit.</param>
public readonly record struct TrendPoint(long TimeUnixMs, double Value);
