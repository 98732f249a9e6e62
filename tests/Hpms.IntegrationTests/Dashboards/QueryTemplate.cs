using System.Globalization;
using System.Text.RegularExpressions;

namespace Hpms.IntegrationTests.Dashboards;

/// <summary>
/// What Grafana does to a query before sending it, for the macros the HPMS dashboards use: template
/// variables (<c>$name</c>, <c>${name}</c>, <c>${name:regex}</c>, <c>[[name]]</c>), the InfluxQL time filter and
/// interval, and the PostgreSQL macros (<c>$__from</c>, <c>$__to</c>, <c>$__timeFilter</c>, <c>$__timeGroup(Alias)</c>).
/// </summary>
internal static partial class QueryTemplate
{
    /// <summary>Names Grafana defines itself; a query may use them without a dashboard variable.</summary>
    public static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal)
    {
        "timeFilter", "interval", "interval_ms", "__interval", "__interval_ms", "__from", "__to", "__timeFilter", "__timeGroup", "__timeGroupAlias",
        "__unixEpochFilter", "__time", "__timeEpoch", "__range", "__range_s", "__rate_interval", "__dashboard", "__org", "__user",
    };

    /// <summary>Names of the variables a query refers to.</summary>
    public static IEnumerable<string> VariablesIn(string query) =>
        Variable().Matches(query).Select(m => m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value);

    /// <summary>Substitutes variables (already resolved to regex alternations) and InfluxQL macros.</summary>
    public static string Influx(string query, IReadOnlyDictionary<string, string> variables, TimeSpan range, TimeSpan interval) =>
        Variables(query, variables)
            .Replace("$__interval_ms", Ms(interval), StringComparison.Ordinal)
            .Replace("$__interval", Duration(interval), StringComparison.Ordinal)
            .Replace("$interval", Duration(interval), StringComparison.Ordinal)
            .Replace("$__timeFilter", TimeFilter(range), StringComparison.Ordinal)
            .Replace("$timeFilter", TimeFilter(range), StringComparison.Ordinal);

    /// <summary>Substitutes the PostgreSQL macros for the range ending now.</summary>
    public static string Postgres(string sql, IReadOnlyDictionary<string, string> variables, DateTimeOffset to, TimeSpan range)
    {
        long toMs = to.ToUnixTimeMilliseconds();
        long fromMs = toMs - (long)range.TotalMilliseconds;
        string ts(long ms) => string.Create(CultureInfo.InvariantCulture, $"to_timestamp({ms} / 1000.0)");
        string text = TimeGroup().Replace(sql, m =>
        {
            long seconds = (long)ParseDuration(m.Groups["interval"].Value).TotalSeconds;
            string bucket = string.Create(CultureInfo.InvariantCulture, $"to_timestamp(floor(extract(epoch from {m.Groups["expr"].Value}) / {seconds}) * {seconds})");
            return m.Groups["alias"].Success ? bucket + " AS \"time\"" : bucket;
        });
        text = TimeFilterMacro().Replace(text, m => $"{m.Groups["expr"].Value} BETWEEN {ts(fromMs)} AND {ts(toMs)}");
        return Variables(text, variables)
            .Replace("$__from", fromMs.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$__to", toMs.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Grafana's "All" of a multi-value variable inside a regex: every value, escaped, as an alternation.</summary>
    public static string Alternation(IEnumerable<string> values) => "(" + string.Join("|", values.Select(Regex.Escape)) + ")";

    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim('\'', '"', ' ');
        double n = double.Parse(text[..^1], CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => throw new FormatException($"duration '{text}'"),
        };
    }

    private static string Variables(string query, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(query, m =>
        {
            string name = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value;
            return variables.TryGetValue(name, out string? value) ? value : m.Value;
        });

    private static string TimeFilter(TimeSpan range) => string.Create(CultureInfo.InvariantCulture, $"time >= now() - {(long)range.TotalSeconds}s");

    private static string Duration(TimeSpan interval) => string.Create(CultureInfo.InvariantCulture, $"{(long)interval.TotalMilliseconds}ms");

    private static string Ms(TimeSpan interval) => ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$\{(?<a>\w+)(?::\w+)?\}|\[\[(?<b>\w+)\]\]|\$(?<c>(?!__)\w+)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\$__timeGroup(?<alias>Alias)?\((?<expr>(?:[^(),]|\([^()]*\))+),\s*(?<interval>'?[0-9.]+[smhd]'?)\)")]
    private static partial Regex TimeGroup();

    [GeneratedRegex(@"\$__timeFilter\((?<expr>(?:[^()]|\([^()]*\))+)\)")]
    private static partial Regex TimeFilterMacro();
}
