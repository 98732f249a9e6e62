namespace Hpms.IntegrationTests.Dashboards;

/// <summary>One query of a dashboard panel or alert rule, as Grafana would send it (before template substitution).</summary>
/// <param name="Source">Where it comes from: "dashboard / panel title (refId)" or "alert rule title (refId)".</param>
/// <param name="DatasourceUid">The data source uid it names.</param>
/// <param name="Text">InfluxQL (<c>query</c>) or SQL (<c>rawSql</c>).</param>
internal sealed record PanelQuery(string Source, string DatasourceUid, string Text);
