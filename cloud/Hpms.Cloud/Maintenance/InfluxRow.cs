namespace Hpms.Cloud.Maintenance;

/// <summary>One row of a query answer: the time and the other columns as numbers (null when empty or not a number).</summary>
/// <param name="TimeUnixMs">The <c>time</c> column, Unix ms.</param>
/// <param name="Values">The other columns, in <see cref="InfluxSeries.Columns"/> order after <c>time</c>.</param>
public sealed record InfluxRow(long TimeUnixMs, IReadOnlyList<double?> Values);
