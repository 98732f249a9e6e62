namespace Hpms.Cloud.Maintenance;

/// <summary>A channel to fetch and how to downsample it.</summary>
/// <param name="Channel">The channel (field) as the register map names it, e.g. <c>filter.differential-pressure</c>.</param>
/// <param name="Aggregate">InfluxQL aggregate per bucket: <c>mean</c>, <c>last</c>, <c>max</c>.</param>
public sealed record HistoryField(string Channel, string Aggregate);
