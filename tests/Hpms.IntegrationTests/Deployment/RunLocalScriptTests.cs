using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Deployment;

/// <summary>
/// scripts/run-local.sh (the compose topology from Debian packages) runs for a bounded time on free ports: the
/// cloud answers /ready, the simulator's telemetry reaches influxd through edge, broker and cloud, and the
/// script stops every part (including the PostgreSQL cluster it started) when its time is up.
/// </summary>
public sealed partial class RunLocalScriptTests
{
    private const int RunForSeconds = 75;

    [PeerFact(PeerTool.Mosquitto | PeerTool.Influxd | PeerTool.Postgres | PeerTool.Socat)]
    public async Task RunLocal_BoundedRun_CloudIsReadyTelemetryReachesInfluxdAndEverythingStops()
    {
        string root = PeerTools.RepositoryRoot();
        string state = Directory.CreateTempSubdirectory("hpms-run-local-").FullName;
        try
        {
            await using PeerProcess script = await PeerProcess.StartAsync(
                "bash",
                [Path.Combine(root, "scripts", "run-local.sh"), "--no-build", "--run-for", RunForSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", state],
                line => line == "run-local: ready",
                TimeSpan.FromSeconds(150));
            string printed = string.Join('\n', script.StdoutLines);
            int cloudPort = int.Parse(CloudPort().Match(printed).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int influxPort = int.Parse(InfluxPort().Match(printed).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            string writerPassword = File.ReadAllLines(Path.Combine(state, "secrets.env"))
                .Single(l => l.StartsWith("INFLUX_WRITER_PASSWORD=", StringComparison.Ordinal))["INFLUX_WRITER_PASSWORD=".Length..];

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using (HttpResponseMessage ready = await http.GetAsync(new Uri($"http://127.0.0.1:{cloudPort}/ready")))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            // The sim's AHUs on gw-a → hpms-edge → mosquitto (ACL) → hpms-cloud ingest → influxd (user hpms, auth on).
            long rows = 0;
            await Poll.UntilAsync(
                async () => (rows = await CountAsync(http, influxPort, writerPassword, "SELECT count(\"supply.temperature\") FROM \"air-handling-unit\"")) > 0,
                TimeSpan.FromSeconds(RunForSeconds - 15),
                () => $"no air-handling-unit telemetry in influxd; script output:\n{string.Join('\n', script.StdoutLines)}\n{script.Stderr}");
            Assert.True(rows > 0);

            await Poll.UntilAsync(() => script.HasExited, TimeSpan.FromSeconds(RunForSeconds + 60), () => "run-local.sh did not stop after --run-for");
            Assert.Contains($"run-local: ran for {RunForSeconds} s", script.StdoutLines);
            Assert.False(File.Exists(Path.Combine(state, "pg", "data", "postmaster.pid")), "PostgreSQL is still running");
            using var probe = new System.Net.Sockets.TcpClient();
            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, cloudPort));
        }
        finally
        {
            await StopLeftoverPostgresAsync(state);
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<long> CountAsync(HttpClient http, int port, string password, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/query?db=hpms&q={Uri.EscapeDataString(query)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("hpms:" + password)));
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request);
            using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            JsonElement result = answer.RootElement.GetProperty("results")[0];
            return result.TryGetProperty("series", out JsonElement series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return 0;
        }
    }

    private static async Task StopLeftoverPostgresAsync(string state)
    {
        // Only when the script was killed before its own clean-up: pg_ctl daemonises, so no process tree holds it.
        string data = Path.Combine(state, "pg", "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")) && PostgresServer.BinDirectory() is string bin)
        {
            string pgCtl = Path.Combine(bin, "pg_ctl");
            await PeerCommand.RunAsync(Environment.UserName == "root" ? "runuser" : pgCtl,
                Environment.UserName == "root" ? ["-u", "postgres", "--", pgCtl, "-D", data, "-m", "immediate", "stop"] : ["-D", data, "-m", "immediate", "stop"],
                TimeSpan.FromSeconds(30));
        }
    }

    [GeneratedRegex(@"cloud API and page\s+http://127\.0\.0\.1:(\d+)")]
    private static partial Regex CloudPort();

    [GeneratedRegex(@"influxd http://127\.0\.0\.1:(\d+)")]
    private static partial Regex InfluxPort();
}
