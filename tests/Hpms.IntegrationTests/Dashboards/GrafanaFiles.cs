using System.Text.Json;
using YamlDotNet.Serialization;

namespace Hpms.IntegrationTests.Dashboards;

/// <summary>
/// The Grafana files of <c>dashboards/grafana</c> (copied next to the tests): dashboard JSON, provisioning
/// YAML read with YamlDotNet into plain dictionaries and lists, and every query they hold.
/// </summary>
internal static class GrafanaFiles
{
    public const string InfluxUid = "hpms-influx";
    public const string PostgresUid = "hpms-postgres";
    public const string ExpressionUid = "__expr__";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "grafana");

    /// <summary>Every dashboard: file name and parsed JSON (the caller disposes nothing: documents are small and cached).</summary>
    public static IReadOnlyList<(string File, JsonElement Dashboard)> Dashboards { get; } =
        [.. Directory.GetFiles(Path.Combine(Root, "dashboards"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()))];

    /// <summary>Reads a provisioning YAML file (path under <c>provisioning/</c>) into dictionaries, lists and strings.</summary>
    public static Dictionary<object, object> Yaml(string relativePath) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(Root, "provisioning", relativePath)));

    public static IEnumerable<Dictionary<object, object>> List(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out object? value) && value is List<object> list ? list.Cast<Dictionary<object, object>>() : [];

    public static string Text(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out object? value) && value is string s ? s : string.Empty;

    /// <summary>Gets the uids of the provisioned data sources.</summary>
    public static IReadOnlySet<string> DatasourceUids() =>
        List(Yaml("datasources/hpms.yaml"), "datasources").Select(d => Text(d, "uid")).ToHashSet(StringComparer.Ordinal);

    /// <summary>Gets every alert rule of every file in <c>provisioning/alerting</c>.</summary>
    public static IEnumerable<Dictionary<object, object>> AlertRules() =>
        Directory.GetFiles(Path.Combine(Root, "provisioning", "alerting"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => Yaml(Path.Combine("alerting", Path.GetFileName(f))))
            .SelectMany(y => List(y, "groups")).SelectMany(g => List(g, "rules"));

    /// <summary>Panels of a dashboard, those inside collapsed rows included.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (JsonElement panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out JsonElement inner))
            {
                foreach (JsonElement nested in inner.EnumerateArray())
                {
                    yield return nested;
                }
            }
        }
    }

    public static string Title(JsonElement panel) => panel.TryGetProperty("title", out JsonElement t) ? t.GetString() ?? string.Empty : string.Empty;

    /// <summary>The data source uid a target uses: its own, else its panel's.</summary>
    public static string DatasourceOf(JsonElement panel, JsonElement target) =>
        Uid(target) ?? Uid(panel) ?? string.Empty;

    /// <summary>Every panel query of every dashboard.</summary>
    public static IEnumerable<PanelQuery> PanelQueries() =>
        from d in Dashboards
        from panel in Panels(d.Dashboard)
        where panel.TryGetProperty("targets", out _)
        from target in panel.GetProperty("targets").EnumerateArray()
        select new PanelQuery(
            $"{d.Dashboard.GetProperty("title").GetString()} / {Title(panel)} ({target.GetProperty("refId").GetString()})",
            DatasourceOf(panel, target),
            QueryText(target));

    /// <summary>Every data query (not expressions) of every alert rule.</summary>
    public static IEnumerable<PanelQuery> AlertQueries() =>
        from rule in AlertRules()
        from data in List(rule, "data")
        where Text(data, "datasourceUid") != ExpressionUid
        let model = (Dictionary<object, object>)data["model"]
        select new PanelQuery($"alert {Text(rule, "title")} ({Text(data, "refId")})", Text(data, "datasourceUid"), Text(model, "query") + Text(model, "rawSql"));

    private static string QueryText(JsonElement target) =>
        target.TryGetProperty("rawSql", out JsonElement sql) ? sql.GetString() ?? string.Empty
        : target.TryGetProperty("query", out JsonElement q) ? q.GetString() ?? string.Empty : string.Empty;

    private static string? Uid(JsonElement node) =>
        node.TryGetProperty("datasource", out JsonElement ds) && ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("uid", out JsonElement uid) ? uid.GetString() : null;
}
