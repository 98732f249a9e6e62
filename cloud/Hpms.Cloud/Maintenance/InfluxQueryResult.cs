namespace Hpms.Cloud.Maintenance;

/// <summary>The answer to an InfluxQL query: series, or the reason there are none.</summary>
/// <param name="Error">Why the query failed (HTTP, transport, server or JSON error), or null.</param>
/// <param name="Series">The series of every statement, in order (empty on failure).</param>
public sealed record InfluxQueryResult(string? Error, IReadOnlyList<InfluxSeries> Series)
{
    /// <summary>Gets a value indicating whether the query succeeded (possibly with no series).</summary>
    public bool Ok => Error is null;

    /// <summary>A failed query.</summary>
    /// <param name="error">Why.</param>
    /// <returns>The result.</returns>
    public static InfluxQueryResult Failed(string error) => new(error, []);
}
