namespace Hpms.Cloud.Domain.Events;

/// <summary>
/// The parts of an edge event's kind, <c>{family}:{rule id}:{series}</c> (e.g.
/// <c>stock-below-reorder-point:cabinet.stock-reorder:bin03</c>); see docs/mqtt-contract.md.
/// </summary>
/// <param name="Family">Rule family (<see cref="EventFamilies"/>).</param>
/// <param name="RuleId">The configured rule id.</param>
/// <param name="Series">The channel or bin the rule watched.</param>
public sealed record EventKind(string Family, string RuleId, string Series)
{
    /// <summary>Splits a kind; a kind without the two colons is its own family with empty rule and series.</summary>
    /// <param name="kind">The kind string.</param>
    /// <returns>The parts.</returns>
    public static EventKind Parse(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        int first = kind.IndexOf(':', StringComparison.Ordinal);
        if (first < 0)
        {
            return new EventKind(kind, string.Empty, string.Empty);
        }

        int second = kind.IndexOf(':', first + 1);
        return second < 0
            ? new EventKind(kind[..first], kind[(first + 1)..], string.Empty)
            : new EventKind(kind[..first], kind[(first + 1)..second], kind[(second + 1)..]);
    }

    /// <summary>The bin number of a stock series (<c>bin03</c> → 3), or null.</summary>
    /// <returns>The bin or null.</returns>
    public int? Bin() =>
        Series.StartsWith("bin", StringComparison.Ordinal) && int.TryParse(Series.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int bin)
            ? bin
            : null;
}
