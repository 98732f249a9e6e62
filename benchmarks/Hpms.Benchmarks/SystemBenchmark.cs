using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hpms.Benchmarks;

/// <summary>
/// The whole chain under load, every part real and on this machine: hpms-sim (the large scenario's Modbus TCP
/// devices; its RS-485 lines on ptys are left out) → hpms-edge gateways (at most --per-gateway devices each, every
/// device polled every --poll-seconds, MQTT uplink only) → mosquitto → hpms-cloud → influxd and SQLite or PostgreSQL.
/// One row per scale (--scales, devices): points/s arriving in influxd against the same influxd's raw single-writer
/// ingest measured first, CPU of broker, influxd, gateways and cloud, memory of gateways and cloud, and the
/// event → work order latency of the events that occur in the window (none are injected). Then the scale-out: the
/// largest scale with one hpms-cloud on PostgreSQL, and with two sharing the MQTT subscription group.
/// usage: Hpms.Benchmarks system --sim-bin DIR --edge-bin DIR --cloud-bin DIR --scenario FILE
///        [--scales 125,500,2000] [--seconds 20] [--warmup 20] [--per-gateway 500] [--poll-seconds 1] [--no-scale-out]
/// </summary>
internal static class SystemBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var setup = new Setup(
            ProcStat.Arg(args, "--sim-bin") ?? throw new ArgumentException("--sim-bin DIR is required"),
            ProcStat.Arg(args, "--edge-bin") ?? throw new ArgumentException("--edge-bin DIR is required"),
            ProcStat.Arg(args, "--cloud-bin") ?? throw new ArgumentException("--cloud-bin DIR is required"),
            double.Parse(ProcStat.Arg(args, "--seconds") ?? "20", CultureInfo.InvariantCulture),
            double.Parse(ProcStat.Arg(args, "--warmup") ?? "20", CultureInfo.InvariantCulture),
            int.Parse(ProcStat.Arg(args, "--per-gateway") ?? "500", CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(ProcStat.Arg(args, "--poll-seconds") ?? "1", CultureInfo.InvariantCulture)));
        string scenario = ProcStat.Arg(args, "--scenario") ?? throw new ArgumentException("--scenario FILE is required");
        int[] scales = [.. (ProcStat.Arg(args, "--scales") ?? "125,500,2000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        bool scaleOut = !args.Contains("--no-scale-out");
        string work = Directory.CreateTempSubdirectory("hpms-bench-system-").FullName;
        List<Process> started = [];

        // Bounded whatever happens: every wait below has its own limit, and this is the last resort.
        int rows = scales.Length + (scaleOut ? 2 : 0);
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine("system benchmark: time limit reached; stopping");
            LocalPeers.StopAll(started, work);
            Environment.Exit(2);
        }, null, TimeSpan.FromSeconds(120 + (rows * (setup.Seconds + setup.Warmup + 60))), Timeout.InfiniteTimeSpan);
        try
        {
            (Process mosquitto, int mqttPort) = await LocalPeers.StartMosquittoAsync(work);
            started.Add(mosquitto);
            (Process influxd, int influxPort) = await LocalPeers.StartInfluxdAsync(work);
            started.Add(influxd);

            // Reference first: the same influxd's raw ingest of lines like the cloud's, 5,000 points a request.
            double raw = await CloudBenchmark.RawIngestAsync(influxPort, TimeSpan.FromSeconds(10), 200, 20);
            (Process sim, string manifest) = await LocalPeers.StartSimulatorAsync(setup.SimBin, scenario, work);
            started.Add(sim);
            var peers = new Peers(work, mosquitto, mqttPort, influxd, influxPort, sim, started);
            int tcpDevices = CountTcpDevices(manifest);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"System benchmark: {Environment.ProcessorCount} cores, all on this machine: hpms-sim ({Path.GetFileName(scenario)}, Modbus TCP devices only: {tcpDevices}), hpms-edge gateways (≤ {setup.PerGateway} devices each, every device every {setup.PollInterval.TotalSeconds:F0} s, MQTT QoS 1), mosquitto, hpms-cloud, influxd; {setup.Warmup:F0} s warm-up, {setup.Seconds:F0} s measured per row; influxd raw single-writer ingest {raw:F0} points/s"));
            Console.WriteLine("| devices | gateways | cloud | readings/s | hpms-sim CPU % | points/s into influxd | ÷ raw ingest | broker CPU % | influxd CPU % | edge CPU % | edge RSS MB | cloud CPU % | cloud RSS MB | cloud messages/s per instance | drain after stop, s | events → work orders (n) | latency p50 / p99 ms |");
            Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            int row = 0;
            foreach (int scale in scales)
            {
                Result r = await MeasureAsync(setup, peers, manifest, ++row, Math.Min(scale, tcpDevices), 1, null);
                Print(r, "1 (SQLite)", raw);
            }

            if (scaleOut)
            {
                (Process postgres, int pgPort) = await LocalPeers.StartPostgresAsync(work);
                started.Add(postgres);
                int largest = Math.Min(scales.Max(), tcpDevices);
                foreach (int instances in (int[])[1, 2])
                {
                    string connection = await LocalPeers.CreatePostgresDatabaseAsync(pgPort, $"bench_{++row}");
                    Result r = await MeasureAsync(setup, peers, manifest, row, largest, instances, connection);
                    Print(r, string.Create(CultureInfo.InvariantCulture, $"{instances} (PostgreSQL)"), raw);
                }
            }

            return 0;
        }
        finally
        {
            LocalPeers.StopAll(started, work);
        }
    }

    /// <summary>One row: cloud instance(s) and gateways started afresh, warmed up, measured, stopped.</summary>
    private static async Task<Result> MeasureAsync(Setup setup, Peers peers, string manifest, int row, int devices, int instances, string? postgres)
    {
        string tag = row.ToString(CultureInfo.InvariantCulture);
        string influxDatabase = "cloud" + tag;
        await LocalPeers.InfluxQueryAsync(peers.InfluxPort, $"CREATE DATABASE {influxDatabase}", post: true);
        List<(Process Process, int Port, string Database)> clouds = [];
        List<(Process Process, int MetricsPort)> gateways = [];
        try
        {
            // A group of its own per row and sessions that end with the connection: a stopped row's instances take no share.
            string[] extra = [$"--Ingest:SharedGroup=bench-{tag}", "--Ingest:SessionExpiry=00:00:01"];
            for (int i = 0; i < instances; i++)
            {
                var cloud = await CloudBenchmark.StartCloudAsync(setup.CloudBin, peers.Work, peers.MqttPort, peers.InfluxPort, extra, $"cloud-{tag}-{i}", postgres, influxDatabase);
                peers.Started.Add(cloud.Process);
                clouds.Add(cloud);
            }

            for (int skip = 0, g = 0; skip < devices; skip += setup.PerGateway, g++)
            {
                int metricsPort = LocalPeers.FreePort();
                string config = await EdgeBenchmark.WriteConfigAsync(peers.Work, $"r{tag}-{g}", manifest, Math.Min(setup.PerGateway, devices - skip), setup.PollInterval, peers.MqttPort, null, metricsPort, skip);
                Process edge = EdgeBenchmark.StartEdge(setup.EdgeBin, config, peers.Work, $"r{tag}-{g}");
                peers.Started.Add(edge);
                gateways.Add((edge, metricsPort));
            }

            await Task.Delay(TimeSpan.FromSeconds(setup.Warmup));
            Snapshot s0 = Snapshot.Take(peers, clouds, gateways);
            long[] messages0 = await ReadMessagesAsync(clouds);
            long readings0 = await ReadReadingsAsync(gateways);
            await Task.Delay(TimeSpan.FromSeconds(setup.Seconds));
            Snapshot s1 = Snapshot.Take(peers, clouds, gateways);
            double wall = (s1.AtMs - s0.AtMs) / 1000.0;
            long[] messages1 = await ReadMessagesAsync(clouds);
            long readings1 = await ReadReadingsAsync(gateways);

            // The gateways stop; what they sampled in the window has reached influxd once the cloud is idle (bounded).
            await StopAsync(gateways.Select(g => g.Process));
            double drain = await DrainAsync(clouds, messages1);
            long points = await CloudBenchmark.CountPointsAsync(peers.InfluxPort, $"/.*/ WHERE time >= {s0.AtMs}ms AND time < {s1.AtMs}ms", influxDatabase);
            double Share(Func<Snapshot, double> cpu) => 100 * (cpu(s1) - cpu(s0)) / wall;
            double[] messages = [.. clouds.Select((_, i) => (messages1[i] - messages0[i]) / wall)];
            double[] latencies = await ReadLatenciesAsync(clouds[0].Database, postgres, s0.AtMs, s1.AtMs);
            return new Result(devices, gateways.Count, (readings1 - readings0) / wall, Share(s => s.SimulatorCpu), points / wall, Share(s => s.BrokerCpu), Share(s => s.InfluxCpu),
                Share(s => s.EdgeCpu), s1.EdgeRss, Share(s => s.CloudCpu), s1.CloudRss, messages, drain, latencies);
        }
        finally
        {
            await StopAsync(gateways.Select(g => g.Process).Concat(clouds.Select(c => c.Process)));
        }
    }

    private static async Task StopAsync(IEnumerable<Process> processes)
    {
        foreach (Process p in processes)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>Readings (one per device and poll) of all gateways so far.</summary>
    private static async Task<long> ReadReadingsAsync(List<(Process Process, int MetricsPort)> gateways)
    {
        long total = 0;
        foreach ((_, int port) in gateways)
        {
            total += (await EdgeBenchmark.ReadMetricsAsync(port)).Readings;
        }

        return total;
    }

    private static async Task<long[]> ReadMessagesAsync(List<(Process Process, int Port, string Database)> clouds)
    {
        long[] messages = new long[clouds.Count];
        for (int i = 0; i < clouds.Count; i++)
        {
            messages[i] = (await CloudBenchmark.ReadMetricsAsync(clouds[i].Port)).TelemetryMessages;
        }

        return messages;
    }

    /// <summary>Seconds until the cloud instances take no more messages and their time-series queues are empty (at most 60).</summary>
    private static async Task<double> DrainAsync(List<(Process Process, int Port, string Database)> clouds, long[] messages)
    {
        var clock = Stopwatch.StartNew();
        long last = messages.Sum();
        var quiet = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
            CloudBenchmark.CloudMetrics[] now = [.. await Task.WhenAll(clouds.Select(c => CloudBenchmark.ReadMetricsAsync(c.Port)))];
            long total = now.Sum(m => m.TelemetryMessages);
            if (total != last || now.Any(m => m.QueueDepth > 0))
            {
                last = total;
                quiet.Restart();
            }
            else if (quiet.Elapsed > TimeSpan.FromSeconds(2))
            {
                return (clock.Elapsed - quiet.Elapsed).TotalSeconds;
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Work orders opened from events in the window [<paramref name="fromMs"/>, <paramref name="toMs"/>] (a few
    /// seconds' grace after it for the last ones): created_ms minus the event's started_ms, sorted.
    /// </summary>
    private static async Task<double[]> ReadLatenciesAsync(string sqliteFile, string? postgres, long fromMs, long toMs)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using DbConnection connection = postgres is null ? new SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly") : new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT w.created_ms - e.started_ms FROM work_orders w JOIN events e ON e.event_id = w.source_ref AND e.state = 'active'
            WHERE w.source = 'event' AND e.received_ms BETWEEN {fromMs} AND {toMs}
            """);
        List<double> latencies = [];
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            latencies.Add(reader.GetInt64(0));
        }

        return [.. latencies.Order()];
    }

    private static int CountTcpDevices(string manifest)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        HashSet<string> tcp = [.. doc.RootElement.GetProperty("endpoints").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "modbus-tcp").Select(e => e.GetProperty("id").GetString()!)];
        return doc.RootElement.GetProperty("devices").EnumerateArray().Count(d => tcp.Contains(d.GetProperty("endpoint").GetString()!));
    }

    private static void Print(Result r, string cloud, double raw)
    {
        string latency = r.Latencies.Length == 0 ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{CloudBenchmark.Percentile(r.Latencies, 0.50):F0} / {CloudBenchmark.Percentile(r.Latencies, 0.99):F0}");
        string messages = string.Join(" + ", r.CloudMessagesPerSecond.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Devices} | {r.Gateways} | {cloud} | {r.ReadingsPerSecond:F0} | {r.SimulatorCpu:F0} | {r.PointsPerSecond:F0} | {r.PointsPerSecond / raw:F2}× | {r.BrokerCpu:F0} | {r.InfluxCpu:F0} | {r.EdgeCpu:F0} | {r.EdgeRss:F0} | {r.CloudCpu:F0} | {r.CloudRss:F0} | {messages} | {r.DrainSeconds:F1} | {r.Latencies.Length} | {latency} |"));
    }

    private sealed record Setup(string SimBin, string EdgeBin, string CloudBin, double Seconds, double Warmup, int PerGateway, TimeSpan PollInterval);

    private sealed record Peers(string Work, Process Mosquitto, int MqttPort, Process Influxd, int InfluxPort, Process Simulator, List<Process> Started);

    private sealed record Snapshot(long AtMs, double SimulatorCpu, double BrokerCpu, double InfluxCpu, double EdgeCpu, double EdgeRss, double CloudCpu, double CloudRss)
    {
        public static Snapshot Take(Peers peers, List<(Process Process, int Port, string Database)> clouds, List<(Process Process, int MetricsPort)> gateways)
        {
            (double CpuSeconds, double RssMb)[] edges = [.. gateways.Select(g => ProcStat.Read(g.Process.Id))];
            (double CpuSeconds, double RssMb)[] cloud = [.. clouds.Select(c => ProcStat.Read(c.Process.Id))];
            return new Snapshot(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ProcStat.Read(peers.Simulator.Id).CpuSeconds, ProcStat.Read(peers.Mosquitto.Id).CpuSeconds, ProcStat.Read(peers.Influxd.Id).CpuSeconds,
                edges.Sum(e => e.CpuSeconds), edges.Sum(e => e.RssMb), cloud.Sum(c => c.CpuSeconds), cloud.Sum(c => c.RssMb));
        }
    }

    private sealed record Result(int Devices, int Gateways, double ReadingsPerSecond, double SimulatorCpu, double PointsPerSecond, double BrokerCpu, double InfluxCpu, double EdgeCpu, double EdgeRss,
        double CloudCpu, double CloudRss, double[] CloudMessagesPerSecond, double DrainSeconds, double[] Latencies);
}
