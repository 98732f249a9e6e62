using System.Globalization;
using System.Text.Json;
using Hpms.IntegrationTests.Cloud;
using Hpms.IntegrationTests.Cloud.EndToEnd;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Npgsql;

namespace Hpms.IntegrationTests.Dashboards;

/// <summary>
/// Every query of every dashboard panel and alert rule, run against what a simulated hospital really wrote:
/// simulator → hpms-edge → mosquitto → hpms-cloud → influxd and PostgreSQL (<see cref="HospitalRig"/>). Template
/// variables are resolved as Grafana's "All" does (their own SHOW TAG VALUES query), macros are substituted, and each
/// query must answer at least one row with a value; failures are reported by dashboard and panel title.
/// </summary>
[Collection("postgres")]
public sealed class DashboardQueryTests(PostgresFixture postgres, MosquittoFixture mosquitto, InfluxdFixture influxd)
    : IClassFixture<MosquittoFixture>, IClassFixture<InfluxdFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan s_range = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(2);

    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres)]
    public async Task EveryPanelAndAlertQuery_SimulatedHospital_ReturnsRows()
    {
        await using HospitalRig rig = await HospitalRig.StartAsync(postgres.Server!, mosquitto.Broker, influxd.Server, InfluxdFixture.Database, Scenario(), TimeSpan.FromSeconds(150));
        await rig.AddTechniciansAsync(("tech-hvac", "hvac", "plant"), ("tech-fridge", "refrigeration", "pharmacy"));
        await rig.StartEdgeAsync("gw-dash", new { DoorsOpen = new[] { new { Id = "fridge.door-open", DeviceClass = "cold-chain-fridge", Channel = "door.open", MaxOpen = "00:00:03" } } }, TimeSpan.FromSeconds(1));

        // A payload the contract refuses: the dead-letter panel and alert need one.
        await using (MqttObserver wire = await MqttObserver.ConnectAsync(rig.Broker.Port, MosquittoBroker.AdminUser, rig.Password, null))
        {
            await wire.PublishAsync("hpms/v1/test/gw-dash/fridge-1/telemetry", "{ not json"u8.ToArray());
        }

        // The relational side: an order line, a fridge alarm with its hold, near-expiry stock, a dead letter and a work order a technician finished.
        await Poll.UntilAsync(async () => await rig.ScalarAsync("SELECT COUNT(*) FROM order_lines WHERE cabinet_id = 'cab-1'") > 0, s_deadline, () => "no order line for cab-1");
        await Poll.UntilAsync(async () => await rig.ScalarAsync("SELECT COUNT(*) FROM stock_holds WHERE device_id = 'fridge-1'") > 0, s_deadline, () => "no hold for fridge-1");
        await Poll.UntilAsync(async () => await rig.ScalarAsync("SELECT COUNT(*) FROM bin_stock WHERE expiry_ms IS NOT NULL") > 0, s_deadline, () => "no bin stock with an expiry");
        await Poll.UntilAsync(async () => await rig.ScalarAsync("SELECT COUNT(*) FROM dead_letters") > 0, s_deadline, () => "the malformed payload was not dead-lettered");
        await Poll.UntilAsync(async () => await rig.TextAsync("SELECT state FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'") == "assigned", s_deadline, () => "no dispatched filter work order");
        await rig.ActAsync(await rig.ScalarAsync("SELECT id FROM work_orders WHERE asset_id = 'ahu-1' AND cause = 'filter-clogging'"), "accept", "start", "resolve");

        // The time series: keep asking until every query answers (rates and derivatives need a few buckets).
        PanelQuery[] queries = [.. GrafanaFiles.PanelQueries(), .. GrafanaFiles.AlertQueries()];
        Assert.True(queries.Length > 40, $"only {queries.Length} queries found");
        using var http = new HttpClient { BaseAddress = influxd.Server.Url, Timeout = TimeSpan.FromSeconds(10) };
        IReadOnlyList<string> failures = [];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < s_deadline)
        {
            failures = await FailuresAsync(http, rig.ConnectionString, queries);
            if (failures.Count == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {queries.Length} queries returned no rows:\n" + string.Join("\n", failures));
    }

    private static async Task<IReadOnlyList<string>> FailuresAsync(HttpClient http, string connectionString, IReadOnlyList<PanelQuery> queries)
    {
        var failures = new List<string>();
        Dictionary<string, string> variables = await ResolveVariablesAsync(http, failures);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (PanelQuery query in queries)
        {
            string? problem = query.DatasourceUid == GrafanaFiles.PostgresUid
                ? await PostgresProblemAsync(connection, QueryTemplate.Postgres(query.Text, variables, DateTimeOffset.UtcNow, s_range))
                : await InfluxProblemAsync(http, QueryTemplate.Influx(query.Text, variables, s_range, s_interval));
            if (problem is not null)
            {
                failures.Add($"{query.Source}: {problem}");
            }
        }

        return failures;
    }

    /// <summary>Resolves every dashboard's variables in order (later ones use earlier ones), as "All".</summary>
    private static async Task<Dictionary<string, string>> ResolveVariablesAsync(HttpClient http, List<string> failures)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string file, JsonElement dashboard) in GrafanaFiles.Dashboards)
        {
            var own = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonElement variable in dashboard.GetProperty("templating").GetProperty("list").EnumerateArray())
            {
                string name = variable.GetProperty("name").GetString()!;
                string text = QueryTemplate.Influx(variable.GetProperty("query").GetString()!, own, s_range, s_interval);
                (List<string> values, string? error) = await InfluxAsync(http, text);
                string[] distinct = [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                if (distinct.Length == 0)
                {
                    failures.Add($"{file} variable ${name}: {error ?? "no values"} ({text})");
                }

                own[name] = QueryTemplate.Alternation(distinct);
            }

            // A name on several dashboards (device: one class each) matches the union of their values, a
            // superset of each dashboard's "All": the same series for a tag regex.
            foreach ((string name, string value) in own)
            {
                resolved[name] = resolved.TryGetValue(name, out string? earlier) && earlier != value ? Merge(earlier, value) : value;
            }
        }

        return resolved;
    }

    private static string Merge(string a, string b) => "(" + a[1..^1] + "|" + b[1..^1] + ")";

    private static async Task<string?> InfluxProblemAsync(HttpClient http, string query)
    {
        (List<string> values, string? error) = await InfluxAsync(http, query);
        return error is not null ? error + " — " + query : values.Count == 0 ? "no rows with a value — " + query : null;
    }

    /// <summary>Runs InfluxQL; returns the non-null values of the non-time columns (or of "value" for SHOW), or the error.</summary>
    private static async Task<(List<string> Values, string? Error)> InfluxAsync(HttpClient http, string query)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri($"query?db={InfluxdFixture.Database}&epoch=ms&q={Uri.EscapeDataString(query)}", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return ([], $"HTTP {(int)response.StatusCode} {body}");
        }

        using var answer = JsonDocument.Parse(body);
        JsonElement result = answer.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out JsonElement error))
        {
            return ([], error.GetString());
        }

        var values = new List<string>();
        if (result.TryGetProperty("series", out JsonElement series))
        {
            foreach (JsonElement s in series.EnumerateArray())
            {
                string[] columns = [.. s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];
                int start = columns[0] == "time" ? 1 : columns.Length - 1; // SHOW TAG VALUES: key, value
                foreach (JsonElement row in s.GetProperty("values").EnumerateArray())
                {
                    values.AddRange(row.EnumerateArray().Skip(start).Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.ToString()));
                }
            }
        }

        return (values, null);
    }

    private static async Task<string?> PostgresProblemAsync(NpgsqlConnection connection, string sql)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetName(i) != "time" && !reader.IsDBNull(i))
                    {
                        return null;
                    }
                }
            }

            return "no rows with a value — " + sql;
        }
        catch (PostgresException ex)
        {
            return ex.MessageText + " — " + sql;
        }
    }

    /// <summary>
    /// Every device class on one Modbus TCP endpoint at 120× (1 s of wall time = 2 simulated minutes): the cabinet
    /// drains below its reorder point within seconds and holds a lot expiring in 10 days, the fridge door stays open,
    /// the AHU filter clogs (a predictive work order), the gas panel draws its LOX tank down.
    /// </summary>
    private static string Scenario()
    {
        string expiry = DateTime.UtcNow.AddDays(10).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return $$"""
            {
              "name": "dashboards", "site": "test", "seed": 17,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 120 },
              "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
              "devices": [
                { "id": "cab-1", "class": "smart-supply-cabinet", "endpoint": "tcp", "zone": "ward-3",
                  "settings": { "binCount": 1, "bins": [ { "itemCode": 100001, "par": 40, "reorderPoint": 30, "onHand": 36, "dailyUse": 5000, "lot": "L2611", "expiry": {{expiry}} } ] } },
                { "id": "fridge-1", "class": "cold-chain-fridge", "endpoint": "tcp", "zone": "pharmacy", "settings": { "doorOpeningsPerHour": 0 } },
                { "id": "ahu-1", "class": "air-handling-unit", "endpoint": "tcp", "zone": "plant",
                  "settings": { "finalResistancePa": 450, "cleanFilterPa": 120, "filterAgeHours": 0, "runHours": 1000 } },
                { "id": "gas-1", "class": "medical-gas-panel", "endpoint": "tcp", "zone": "plant" },
                { "id": "occ-1", "class": "occupancy-counter", "endpoint": "tcp", "zone": "ward-3", "settings": { "areaType": "ward", "capacity": 40 } }
              ],
              "events": [
                { "at": "00:00:00", "kind": "filter-clogging", "device": "ahu-1", "parameters": { "reachLimitAfterHours": 2 } },
                { "at": "00:04:00", "kind": "door-open", "device": "fridge-1", "for": "00:20:00" }
              ]
            }
            """;
    }
}
