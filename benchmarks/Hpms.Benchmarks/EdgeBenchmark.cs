using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Telemetry;

namespace Hpms.Benchmarks;

/// <summary>
/// One hpms-edge gateway under load, every part real and on this machine: hpms-sim (the large scenario)
/// serves the devices, the gateway polls N of them every second and forwards to mosquitto and influxd.
/// Reports points/s, the gateway's CPU per 1,000 points/s and its memory; its idle memory with a
/// building's 40 devices; and the backlog drain after an InfluxDB outage (influxd stopped with SIGSTOP)
/// as a fraction of the raw ingest rate of the same influxd, measured first in the same run.
/// usage: Hpms.Benchmarks edge --sim-bin DIR --edge-bin DIR --scenario FILE [--devices 400] [--seconds 20]
/// </summary>
internal static partial class EdgeBenchmark
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<int> RunAsync(string[] args)
    {
        string simBin = ProcStat.Arg(args, "--sim-bin") ?? throw new ArgumentException("--sim-bin DIR is required");
        string edgeBin = ProcStat.Arg(args, "--edge-bin") ?? throw new ArgumentException("--edge-bin DIR is required");
        string scenario = ProcStat.Arg(args, "--scenario") ?? throw new ArgumentException("--scenario FILE is required");
        int deviceCount = int.Parse(ProcStat.Arg(args, "--devices") ?? "400", CultureInfo.InvariantCulture);
        double seconds = double.Parse(ProcStat.Arg(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        string work = Directory.CreateTempSubdirectory("hpms-bench-edge-").FullName;
        List<Process> started = [];
        try
        {
            (Process mosquitto, int mqttPort) = await LocalPeers.StartMosquittoAsync(work);
            started.Add(mosquitto);
            (Process influxd, int influxPort) = await LocalPeers.StartInfluxdAsync(work);
            started.Add(influxd);

            // Reference: the same influxd's raw ingest of the gateway's own kind of lines, 5,000 lines a request.
            double rawLinesPerSecond = await RawIngestAsync(influxPort, TimeSpan.FromSeconds(Math.Min(seconds, 10)));

            (Process sim, string manifest) = await LocalPeers.StartSimulatorAsync(simBin, scenario, work);
            started.Add(sim);

            // Idle: a building's 40 devices every 10 s, MQTT only.
            int idleMetrics = LocalPeers.FreePort();
            string idleConfig = await WriteConfigAsync(work, "idle", manifest, 40, TimeSpan.FromSeconds(10), mqttPort, null, idleMetrics);
            Process idle = StartEdge(edgeBin, idleConfig, work, "idle");
            started.Add(idle);
            await Task.Delay(TimeSpan.FromSeconds(15));
            double idleRss = ProcStat.Read(idle.Id).RssMb;
            idle.Kill(entireProcessTree: true);

            // Load: N devices every second to MQTT and InfluxDB.
            int metricsPort = LocalPeers.FreePort();
            string config = await WriteConfigAsync(work, "load", manifest, deviceCount, TimeSpan.FromSeconds(1), mqttPort, influxPort, metricsPort);
            Process edge = StartEdge(edgeBin, config, work, "load");
            started.Add(edge);
            await Task.Delay(TimeSpan.FromSeconds(8)); // connect, JIT, rhythm
            Metrics m0 = await ReadMetricsAsync(metricsPort);
            (double cpu0, _) = ProcStat.Read(edge.Id);
            var clock = Stopwatch.StartNew();
            double peakRss = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                await Task.Delay(500);
                peakRss = Math.Max(peakRss, ProcStat.Read(edge.Id).RssMb);
            }

            (double cpu1, _) = ProcStat.Read(edge.Id);
            Metrics m1 = await ReadMetricsAsync(metricsPort);
            double wall = clock.Elapsed.TotalSeconds;
            double pointsPerSecond = (m1.Points - m0.Points) / wall;
            double readingsPerSecond = (m1.Readings - m0.Readings) / wall;
            double cpuShare = (cpu1 - cpu0) / wall;
            double mqttPerSecond = (m1.Sent("mqtt") - m0.Sent("mqtt")) / wall;
            double influxPerSecond = (m1.Sent("influx") - m0.Sent("influx")) / wall;

            // Outage: influxd frozen (SIGSTOP) while readings keep coming, then thawed: time the backlog's drain.
            LocalPeers.Signal(influxd.Id, "STOP");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            Metrics beforeThaw = await ReadMetricsAsync(metricsPort);
            long backlog = beforeThaw.Depth("influx");
            LocalPeers.Signal(influxd.Id, "CONT");

            // The pump retries on its back-off; the drain starts with its first accepted batch.
            var recovery = Stopwatch.StartNew();
            Metrics during = beforeThaw;
            while (during.Sent("influx") == beforeThaw.Sent("influx") && recovery.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
                during = await ReadMetricsAsync(metricsPort);
            }

            double recoverySeconds = recovery.Elapsed.TotalSeconds;
            Metrics drainStart = during;
            var drain = Stopwatch.StartNew();
            while (drain.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(250);
                during = await ReadMetricsAsync(metricsPort);
                if (during.Depth("influx") <= Math.Max(50, deviceCount / 4))
                {
                    break;
                }
            }

            double drainSeconds = drain.Elapsed.TotalSeconds;
            double drainLinesPerSecond = (during.Sent("influx") - drainStart.Sent("influx") + (drainStart.Sent("influx") - beforeThaw.Sent("influx"))) / drainSeconds;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Edge benchmark: {Environment.ProcessorCount} cores; hpms-sim, mosquitto, influxd and the gateway on this machine; {deviceCount} Modbus TCP devices polled every second, {seconds:F0} s measured"));
            Console.WriteLine("| figure | value | reference | ratio |");
            Console.WriteLine("|---|---:|---|---:|");
            Row("readings/s (one per device and poll)", readingsPerSecond, "-", null);
            Row("points/s polled, normalised and forwarded", pointsPerSecond, "-", null);
            Row("MQTT messages/s acknowledged (QoS 1)", mqttPerSecond, "-", null);
            Row("InfluxDB lines/s written", influxPerSecond, "-", null);
            Row("gateway CPU, % of one core", 100 * cpuShare, "-", null);
            Row("gateway CPU, % of one core per 1,000 points/s", 100 * cpuShare / (pointsPerSecond / 1000), "goal 5 %", (100 * cpuShare / (pointsPerSecond / 1000)) / 5);
            Row("gateway RSS under load, MB", peakRss, "-", null);
            Row("gateway RSS idle (40 devices every 10 s), MB", idleRss, "goal 50 MB", idleRss / 50);
            Row("influxd raw ingest, lines/s (5,000 per request)", rawLinesPerSecond, "-", null);
            Row(string.Create(CultureInfo.InvariantCulture, $"backlog drain after a {seconds:F0} s InfluxDB outage ({backlog} readings), lines/s"), drainLinesPerSecond, "influxd raw ingest", drainLinesPerSecond / rawLinesPerSecond);
            Row("time from influxd's return to the first accepted batch (pump back-off), s", recoverySeconds, "-", null);
            Row("drain time after that, s", drainSeconds, "-", null);
            return 0;
        }
        finally
        {
            LocalPeers.StopAll(started, work);
        }
    }

    private static void Row(string figure, double value, string reference, double? ratio) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure} | {value:F1} | {reference} | {(ratio is double r ? r.ToString("F2", CultureInfo.InvariantCulture) + "×" : "-")} |"));

    /// <summary>Starts hpms-edge with a config file written by <see cref="WriteConfigAsync"/>; its output is read and dropped.</summary>
    internal static Process StartEdge(string edgeBin, string config, string work, string name)
    {
        var info = new ProcessStartInfo(Path.Combine(edgeBin, "hpms-edge")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);
        info.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        var p = Process.Start(info) ?? throw new InvalidOperationException("hpms-edge did not start");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _ = name;
        return p;
    }

    /// <summary>
    /// Writes gateway <c>gw-{name}</c>'s config: the simulator's Modbus TCP devices <paramref name="skip"/> to
    /// <paramref name="skip"/> + <paramref name="count"/> (manifest order), each polled every <paramref name="interval"/>,
    /// uplinks to mosquitto and (if given) influxd.
    /// </summary>
    internal static async Task<string> WriteConfigAsync(string work, string name, string manifestPath, int count, TimeSpan interval, int mqttPort, int? influxPort, int metricsPort, int skip = 0)
    {
        using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath));
        Dictionary<string, int> ports = manifest.RootElement.GetProperty("endpoints").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "modbus-tcp")
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("port").GetInt32());
        var devices = manifest.RootElement.GetProperty("devices").EnumerateArray()
            .Where(d => ports.ContainsKey(d.GetProperty("endpoint").GetString()!))
            .Skip(skip)
            .Take(count)
            .Select(d => new
            {
                Id = d.GetProperty("id").GetString(),
                Map = d.GetProperty("map").GetString(),
                Transport = "ModbusTcp",
                Host = "127.0.0.1",
                Port = ports[d.GetProperty("endpoint").GetString()!],
                UnitId = d.GetProperty("unitId").GetInt32(),
                PollInterval = interval.ToString("c", CultureInfo.InvariantCulture),
                Zone = d.GetProperty("zone").GetString(),
            }).ToList();
        string path = Path.Combine(work, name + ".json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new { Site = "bench", Id = "gw-" + name, Devices = devices },
            Uplink = new
            {
                StateDirectory = Path.Combine(work, "state-" + name),
                Mqtt = new { Host = "127.0.0.1", Port = mqttPort, PasswordEnv = string.Empty },
                InfluxEnabled = influxPort is not null,
                Influx = new { Url = $"http://127.0.0.1:{influxPort ?? 8086}", Database = "bench", Timeout = "00:00:05" },
            },
            Operations = new { MetricsUrl = $"http://127.0.0.1:{metricsPort}/" },
            Logging = new { LogLevel = new { Default = "Warning" } },
            Serilog = new { MinimumLevel = new { Default = "Warning" } },
        }));
        return path;
    }

    private static Task<double> RawIngestAsync(int port, TimeSpan duration)
    {
        // Lines like the gateway's: one per device and poll, a field per channel of each register map.
        string maps = Path.Combine(AppContext.BaseDirectory, "devices");
        List<(DeviceTags Tags, string[] Channels)> kinds = [.. RegisterMapLoader.LoadDirectory(maps)
            .Select(m => (new DeviceTags("bench", "raw", "zone", "writer", m.DeviceClass, "x"), PollPlanner.Plan(m).Blocks.SelectMany(b => b.Points).Where(p => p.Point.Type != Hpms.Protocols.Registers.RegisterDataType.String).Select(p => p.Point.Name).ToArray()))];
        var encoder = new TelemetryLineEncoder(TimestampPrecision.Milliseconds);
        long time = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        return LocalPeers.RawIngestAsync(port, duration, (_, body) =>
        {
            for (int i = 0; i < 5000; i++)
            {
                (DeviceTags tags, string[] channels) = kinds[i % kinds.Count];
                DeviceTags device = tags with { DeviceId = "raw-" + (i % 500).ToString(CultureInfo.InvariantCulture) };
                TelemetryPoint[] points = [.. channels.Select(c => new TelemetryPoint(device, c, i * 0.5, string.Empty, Quality.Good, time))];
                encoder.Encode(points, body);
                time++;
            }

            return 5000;
        });
    }

    internal sealed record Metrics(long Readings, long Points, Dictionary<string, long> SentBySink, Dictionary<string, long> DepthBySink)
    {
        public long Sent(string sink) => SentBySink.GetValueOrDefault(sink);

        public long Depth(string sink) => DepthBySink.GetValueOrDefault(sink);
    }

    internal static async Task<Metrics> ReadMetricsAsync(int port)
    {
        string text = await s_http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        long Single(string name) => long.Parse(Regex.Match(text, $"^{name} (\\d+)$", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        Dictionary<string, long> BySink(string name) => SinkLine().Matches(text)
            .Where(m => m.Groups[1].Value == name)
            .ToDictionary(m => m.Groups[2].Value, m => long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        return new Metrics(Single("hpms_edge_readings_total"), Single("hpms_edge_points_total"), BySink("hpms_edge_sink_records_sent_total"), BySink("hpms_edge_buffer_depth_records"));
    }

    [GeneratedRegex("^(\\w+)\\{sink=\"(\\w+)\"\\} (\\d+)$", RegexOptions.Multiline)]
    private static partial Regex SinkLine();
}
