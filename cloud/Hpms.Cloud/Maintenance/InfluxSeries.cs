namespace Hpms.Cloud.Maintenance;

/// <summary>One series of a query answer.</summary>
/// <param name="Name">The measurement.</param>
/// <param name="Tags">The GROUP BY tags.</param>
/// <param name="Columns">The value columns (without <c>time</c>).</param>
/// <param name="Rows">The rows.</param>
public sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, IReadOnlyList<InfluxRow> Rows)
{
    /// <summary>The index of a column in <see cref="InfluxRow.Values"/>, or −1.</summary>
    /// <param name="column">Column name.</param>
    /// <returns>Its index.</returns>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A tag's value, or empty.</summary>
    /// <param name="tag">Tag key.</param>
    /// <returns>Its value.</returns>
    public string Tag(string tag) => Tags.TryGetValue(tag, out string? value) ? value : string.Empty;
}
