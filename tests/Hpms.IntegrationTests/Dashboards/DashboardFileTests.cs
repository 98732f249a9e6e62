using System.Text.Json;

namespace Hpms.IntegrationTests.Dashboards;

/// <summary>Checks of the Grafana files that need no server: ids, references, schema, variables, alert rules.</summary>
public sealed class DashboardFileTests
{
    private const int MinimumSchemaVersion = 39;

    private static readonly string[] s_expectedDashboards = ["cabinets.json", "cold-chain.json", "gateway-health.json", "hvac.json", "medical-gas.json", "occupancy.json", "work-orders.json"];

    [Fact]
    public void Dashboards_Folder_HoldsEveryHpmsDashboard() =>
        Assert.Equal(s_expectedDashboards, GrafanaFiles.Dashboards.Select(d => d.File));

    [Fact]
    public void Dashboards_Uids_PresentAndUniqueAcrossDashboards()
    {
        string[] uids = [.. GrafanaFiles.Dashboards.Select(d => d.Dashboard.GetProperty("uid").GetString() ?? string.Empty)];

        Assert.All(uids, uid => Assert.Matches("^hpms-[a-z-]+$", uid));
        Assert.Equal(uids.Length, uids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Dashboards_SchemaVersion_PresentAndCurrent() =>
        Assert.All(GrafanaFiles.Dashboards, d => Assert.True(
            d.Dashboard.TryGetProperty("schemaVersion", out JsonElement v) && v.GetInt32() >= MinimumSchemaVersion, $"{d.File}: schemaVersion missing or below {MinimumSchemaVersion}"));

    [Fact]
    public void Dashboards_Panels_TitledWithUniqueIdsAndAtLeastOneQuery()
    {
        foreach ((string file, JsonElement dashboard) in GrafanaFiles.Dashboards)
        {
            JsonElement[] panels = [.. GrafanaFiles.Panels(dashboard).Where(p => p.GetProperty("type").GetString() != "row")];
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            Assert.All(panels, p => Assert.False(string.IsNullOrWhiteSpace(GrafanaFiles.Title(p)), $"{file}: a panel has no title"));
            Assert.All(panels, p => Assert.True(
                p.TryGetProperty("targets", out JsonElement t) && t.GetArrayLength() > 0 && t.EnumerateArray().All(x => x.TryGetProperty("refId", out _)),
                $"{file} / {GrafanaFiles.Title(p)}: no query or a query without refId"));
        }
    }

    [Fact]
    public void Dashboards_DatasourceReferences_AllProvisioned()
    {
        IReadOnlySet<string> provisioned = GrafanaFiles.DatasourceUids();
        Assert.Equal(new HashSet<string> { GrafanaFiles.InfluxUid, GrafanaFiles.PostgresUid }, provisioned);

        string[] missing =
        [
            .. GrafanaFiles.PanelQueries().Where(q => !provisioned.Contains(q.DatasourceUid)).Select(q => $"{q.Source}: '{q.DatasourceUid}'"),
            .. from d in GrafanaFiles.Dashboards
               from v in Variables(d.Dashboard)
               let uid = v.GetProperty("datasource").GetProperty("uid").GetString()
               where !provisioned.Contains(uid ?? string.Empty)
               select $"{d.File} variable {v.GetProperty("name").GetString()}: '{uid}'",
        ];
        Assert.True(missing.Length == 0, "unknown data sources:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Dashboards_TemplateVariablesReferenced_AllDefined()
    {
        var undefined = new List<string>();
        foreach ((string file, JsonElement dashboard) in GrafanaFiles.Dashboards)
        {
            HashSet<string> defined = [.. Variables(dashboard).Select(v => v.GetProperty("name").GetString()!)];
            IEnumerable<(string Where, string Text)> texts = GrafanaFiles.PanelQueries()
                .Where(q => q.Source.StartsWith(dashboard.GetProperty("title").GetString() + " / ", StringComparison.Ordinal)).Select(q => (q.Source, q.Text))
                .Concat(Variables(dashboard).Select(v => ($"{file} variable {v.GetProperty("name").GetString()}", v.GetProperty("query").GetString() ?? string.Empty)));
            undefined.AddRange(
                from t in texts
                from name in QueryTemplate.VariablesIn(t.Text)
                where !defined.Contains(name) && !QueryTemplate.BuiltIns.Contains(name)
                select $"{t.Where}: ${name}");
        }

        Assert.True(undefined.Count == 0, "undefined variables:\n" + string.Join("\n", undefined));
    }

    [Fact]
    public void Dashboards_DeviceDashboards_FilterBySiteBuildingAndDevice()
    {
        foreach ((string file, JsonElement dashboard) in GrafanaFiles.Dashboards.Where(d => d.File is not ("work-orders.json" or "gateway-health.json")))
        {
            Assert.Equal(["site", "building", "device"], Variables(dashboard).Select(v => v.GetProperty("name").GetString()));
            Assert.All(Variables(dashboard), v => Assert.StartsWith("SHOW TAG VALUES", v.GetProperty("query").GetString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Datasources_Secrets_ComeFromTheEnvironment()
    {
        foreach (Dictionary<object, object> ds in GrafanaFiles.List(GrafanaFiles.Yaml("datasources/hpms.yaml"), "datasources"))
        {
            Assert.Matches(@"^\$\{[A-Z_]+\}$", GrafanaFiles.Text(ds, "user"));
            var secure = (Dictionary<object, object>)ds["secureJsonData"];
            Assert.All(secure.Values, v => Assert.Matches(@"^\$\{[A-Z_]+\}$", (string)v));
        }
    }

    [Fact]
    public void DashboardProvider_FileProviderIntoTheHpmsFolder()
    {
        Dictionary<object, object> provider = Assert.Single(GrafanaFiles.List(GrafanaFiles.Yaml("dashboards/hpms.yaml"), "providers"));

        Assert.Equal(("file", "HPMS"), (GrafanaFiles.Text(provider, "type"), GrafanaFiles.Text(provider, "folder")));
        Assert.StartsWith("/", GrafanaFiles.Text((Dictionary<object, object>)provider["options"], "path"), StringComparison.Ordinal);
    }

    [Fact]
    public void AlertRules_Parse_WithUniqueUidsExistingDatasourcesAndConsistentRefIds()
    {
        IReadOnlySet<string> provisioned = GrafanaFiles.DatasourceUids();
        Dictionary<object, object>[] rules = [.. GrafanaFiles.AlertRules()];

        Assert.True(rules.Length >= 7, $"only {rules.Length} alert rules");
        Assert.Equal(rules.Length, rules.Select(r => GrafanaFiles.Text(r, "uid")).Distinct(StringComparer.Ordinal).Count());
        foreach (Dictionary<object, object> rule in rules)
        {
            string title = GrafanaFiles.Text(rule, "title");
            Dictionary<object, object>[] data = [.. GrafanaFiles.List(rule, "data")];
            HashSet<string> refIds = [.. data.Select(d => GrafanaFiles.Text(d, "refId"))];
            Assert.Contains(GrafanaFiles.Text(rule, "condition"), refIds);
            Assert.Contains(data, d => provisioned.Contains(GrafanaFiles.Text(d, "datasourceUid")));
            foreach (Dictionary<object, object> d in data)
            {
                string uid = GrafanaFiles.Text(d, "datasourceUid");
                Assert.True(provisioned.Contains(uid) || uid == GrafanaFiles.ExpressionUid, $"{title}: unknown data source '{uid}'");
                var model = (Dictionary<object, object>)d["model"];
                if (uid == GrafanaFiles.ExpressionUid)
                {
                    Assert.True(refIds.Contains(GrafanaFiles.Text(model, "expression")), $"{title}: expression {GrafanaFiles.Text(d, "refId")} names a missing refId");
                }
            }

            Assert.Matches(@"^\d+[smh]$", GrafanaFiles.Text(rule, "for"));
        }
    }

    [Fact]
    public void ContactPoints_PolicyRoutesToADefinedContactPoint()
    {
        Dictionary<object, object> file = GrafanaFiles.Yaml("alerting/contact-points.yaml");
        HashSet<string> names = [.. GrafanaFiles.List(file, "contactPoints").Select(c => GrafanaFiles.Text(c, "name"))];

        Assert.All(GrafanaFiles.List(file, "policies"), p => Assert.Contains(GrafanaFiles.Text(p, "receiver"), names));
        Assert.All(
            GrafanaFiles.List(file, "contactPoints").SelectMany(c => GrafanaFiles.List(c, "receivers")),
            r => Assert.Matches(@"^\$\{[A-Z_]+\}$", GrafanaFiles.Text((Dictionary<object, object>)r["settings"], "addresses")));
    }

    private static JsonElement[] Variables(JsonElement dashboard) =>
        dashboard.TryGetProperty("templating", out JsonElement t) ? [.. t.GetProperty("list").EnumerateArray()] : [];
}
