using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Transports.Mqtt;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Hpms.Benchmarks;

/// <summary>
/// hpms-cloud under load, every part real and on this machine: mosquitto, influxd and hpms-cloud (its own
/// process, SQLite store) while this process publishes gateways' telemetry batches at full speed (QoS 1; the
/// publisher keeps at most --window messages ahead of the cloud, so the broker's queue stays bounded) and
/// fridge door-open events at a fixed rate. Reports telemetry points/s into InfluxDB against the raw
/// single-writer ingest of the same influxd (measured first, same line shape, 5,000 points a request), the
/// cloud's CPU per point against influxd's CPU per point in that reference, and the event-to-work-order
/// latency (work_orders.created_ms minus publish time) at that load.
/// usage: Hpms.Benchmarks cloud --cloud-bin DIR [--seconds 20] [--warmup 30] [--devices 200] [--points-per-message 20] [--events-per-second 20] [--window 1000]
/// Environment variables HPMS_CLOUD_ENV_X=V reach hpms-cloud as X=V (e.g. runtime settings for a profile run).
/// [--cloud-setting Section:Key=value]... [--dump-metrics]
/// </summary>
internal static partial class CloudBenchmark
{
    private const string LoadClass = "air-handling-unit";
    private const string DoorKind = "door-open-too-long:fridge.door-open:door.open";

    private static readonly string[] s_channels =
    [
        "supply.temperature", "return.temperature", "supply.humidity", "filter.differential-pressure", "filter.final-resistance",
        "fan.vibration", "fan.speed", "fan.current", "damper.position", "run-hours",
    ];

    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly long s_baseTime = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();

    public static async Task<int> RunAsync(string[] args)
    {
        string cloudBin = ProcStat.Arg(args, "--cloud-bin") ?? Path.Combine("cloud", "Hpms.Cloud", "bin", "Release", "net10.0");
        double seconds = double.Parse(ProcStat.Arg(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        int deviceCount = int.Parse(ProcStat.Arg(args, "--devices") ?? "200", CultureInfo.InvariantCulture);
        int eventsPerSecond = int.Parse(ProcStat.Arg(args, "--events-per-second") ?? "20", CultureInfo.InvariantCulture);
        int window = int.Parse(ProcStat.Arg(args, "--window") ?? "1000", CultureInfo.InvariantCulture);
        int pointsPerMessage = int.Parse(ProcStat.Arg(args, "--points-per-message") ?? "20", CultureInfo.InvariantCulture);
        double warmup = double.Parse(ProcStat.Arg(args, "--warmup") ?? "30", CultureInfo.InvariantCulture);
        string work = Directory.CreateTempSubdirectory("hpms-bench-cloud-").FullName;
        List<Process> started = [];

        // Bounded whatever happens: every wait below has its own limit, and this is the last resort.
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine("cloud benchmark: time limit reached; stopping");
            LocalPeers.StopAll(started, work);
            Environment.Exit(2);
        }, null, TimeSpan.FromSeconds((2 * seconds) + warmup + 90), Timeout.InfiniteTimeSpan);
        try
        {
            (Process mosquitto, int mqttPort) = await LocalPeers.StartMosquittoAsync(work);
            started.Add(mosquitto);
            (Process influxd, int influxPort) = await LocalPeers.StartInfluxdAsync(work);
            started.Add(influxd);
            await LocalPeers.InfluxQueryAsync(influxPort, "CREATE DATABASE cloud", post: true);

            // Reference: the same influxd's raw ingest of the very lines the cloud writes, 5,000 points a request.
            (double influxCpu0, _) = ProcStat.Read(influxd.Id);
            var rawClock = Stopwatch.StartNew();
            double rawPointsPerSecond = await RawIngestAsync(influxPort, TimeSpan.FromSeconds(Math.Min(seconds, 10)), deviceCount, pointsPerMessage);
            double rawSeconds = rawClock.Elapsed.TotalSeconds;
            double influxCpuPerPoint = (ProcStat.Read(influxd.Id).CpuSeconds - influxCpu0) / (rawPointsPerSecond * rawSeconds);

            string[] extra = [.. args.Select((a, i) => (a, i)).Where(p => p.a == "--cloud-setting" && p.i + 1 < args.Length).Select(p => "--" + args[p.i + 1])];
            (Process cloud, int httpPort, string database) = await StartCloudAsync(cloudBin, work, mqttPort, influxPort, extra);
            started.Add(cloud);

            using var stop = new CancellationTokenSource();
            IMqttClient loadClient = await ConnectAsync(mqttPort, "bench-load", stop.Token);
            IMqttClient eventClient = await ConnectAsync(mqttPort, "bench-events", stop.Token);
            long cloudTelemetry = 0;
            Task follow = FollowAsync(httpPort, v => Volatile.Write(ref cloudTelemetry, v), stop.Token);
            var load = new LoadPublisher(loadClient, deviceCount, pointsPerMessage, window, () => Volatile.Read(ref cloudTelemetry));
            Task publishing = deviceCount > 0 ? load.RunAsync(stop.Token) : Task.CompletedTask; // --devices 0: events alone

            // Connect, register devices, and let the JIT finish tiering up (about 13,000 methods, ~25 s of load here):
            // the figures are the service's steady state, not its first minute.
            await Task.Delay(TimeSpan.FromSeconds(warmup));
            CloudMetrics m0 = await ReadMetricsAsync(httpPort);
            long influx0 = await CountPointsAsync(influxPort);
            (double cloudCpu0, _) = ProcStat.Read(cloud.Id);
            (double brokerCpu0, _) = ProcStat.Read(mosquitto.Id);
            (double loadInfluxCpu0, _) = ProcStat.Read(influxd.Id);
            (double selfCpu0, _) = ProcStat.Read(Environment.ProcessId);
            var clock = Stopwatch.StartNew();
            ConcurrentDictionary<string, long> published = await PublishEventsAsync(eventClient, eventsPerSecond, TimeSpan.FromSeconds(seconds));
            double wall = clock.Elapsed.TotalSeconds;
            (double cloudCpu1, double cloudRss) = ProcStat.Read(cloud.Id);
            (double brokerCpu1, _) = ProcStat.Read(mosquitto.Id);
            (double loadInfluxCpu1, _) = ProcStat.Read(influxd.Id);
            (double selfCpu1, _) = ProcStat.Read(Environment.ProcessId);
            CloudMetrics m1 = await ReadMetricsAsync(httpPort);
            if (args.Contains("--dump-metrics"))
            {
                Console.Error.WriteLine(await s_http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/metrics")));
            }
            long influx1 = await CountPointsAsync(influxPort);
            // Work orders of events published late may still be on their way: wait for them (bounded), the load still running.
            Dictionary<string, long> created = [];
            var settle = Stopwatch.StartNew();
            while (settle.Elapsed < TimeSpan.FromSeconds(15))
            {
                created = ReadWorkOrders(database);
                if (created.Count >= published.Count)
                {
                    break;
                }

                await Task.Delay(250);
            }

            await stop.CancelAsync();
            await Task.WhenAll(publishing, follow);
            double[] latencies = [.. published.Where(p => created.ContainsKey(p.Key)).Select(p => (double)(created[p.Key] - p.Value)).Order()];
            double cloudPointsPerSecond = (m1.Points - m0.Points) / wall;
            double influxPointsPerSecond = (influx1 - influx0) / wall;
            double cloudCpuPerPoint = (cloudCpu1 - cloudCpu0) / Math.Max(1, m1.Points - m0.Points);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Cloud benchmark: {Environment.ProcessorCount} cores; mosquitto, influxd, hpms-cloud (SQLite) and the publisher on this machine; {deviceCount} devices publishing {pointsPerMessage}-point batches (QoS 1, at most {window} messages ahead of the cloud) and {eventsPerSecond} fridge door events/s, {wall:F0} s measured after {warmup:F0} s of warm-up"));
            Console.WriteLine("| figure | value | reference | ratio |");
            Console.WriteLine("|---|---:|---|---:|");
            Row("influxd raw ingest, points/s (one writer, 5,000 points a request)", rawPointsPerSecond, "-", null);
            Row("influxd CPU per point in the raw ingest, µs", influxCpuPerPoint * 1e6, "-", null);
            Row("telemetry points/s accepted by hpms-cloud (MQTT → durable queue)", cloudPointsPerSecond, "-", null);
            Row("telemetry points/s arriving in InfluxDB through hpms-cloud", influxPointsPerSecond, "influxd raw ingest (goal ≥ 0.5×)", influxPointsPerSecond / rawPointsPerSecond);
            Row("hpms-cloud CPU per point, µs", cloudCpuPerPoint * 1e6, "influxd CPU per point (goal ≤ 0.3×)", cloudCpuPerPoint / influxCpuPerPoint);
            Row("hpms-cloud CPU, % of one core", 100 * (cloudCpu1 - cloudCpu0) / wall, "-", null);
            Row("influxd CPU under load, % of one core", 100 * (loadInfluxCpu1 - loadInfluxCpu0) / wall, "-", null);
            Row("mosquitto CPU, % of one core", 100 * (brokerCpu1 - brokerCpu0) / wall, "-", null);
            Row("publisher (this process) CPU, % of one core", 100 * (selfCpu1 - selfCpu0) / wall, "-", null);
            Row("hpms-cloud RSS, MB", cloudRss, "-", null);
            Row("time-series queue depth at the end, records", m1.QueueDepth, "-", null);
            Row(string.Create(CultureInfo.InvariantCulture, $"door events published / work orders created"), published.Count, created.Count.ToString(CultureInfo.InvariantCulture), null);
            if (latencies.Length > 0)
            {
                Row("event → work order latency p50, ms", Percentile(latencies, 0.50), "-", null);
                Row("event → work order latency p99, ms", Percentile(latencies, 0.99), "goal 500 ms", Percentile(latencies, 0.99) / 500);
                Row("event → work order latency max, ms", latencies[^1], "-", null);
            }

            return 0;
        }
        finally
        {
            LocalPeers.StopAll(started, work);
        }
    }

    /// <summary>
    /// The reference: the raw single-writer ingest of influxd (database <c>bench</c>) of the very lines the cloud
    /// writes, 5,000 points a request; returns points/s.
    /// </summary>
    internal static Task<double> RawIngestAsync(int influxPort, TimeSpan duration, int deviceCount, int pointsPerMessage)
    {
        var encoder = new TelemetryLineEncoder(TimestampPrecision.Milliseconds);
        return LocalPeers.RawIngestAsync(influxPort, duration, (request, body) =>
        {
            int batches = Math.Max(1, 5000 / pointsPerMessage);
            for (int i = 0; i < batches; i++)
            {
                TelemetryBatch batch = Batch("gw-raw", i % Math.Max(1, deviceCount), (request * batches) + i, pointsPerMessage);
                encoder.Encode([.. batch.Points], body);
            }

            return batches * pointsPerMessage;
        });
    }

    /// <summary>Batch <paramref name="sequence"/> of a load device: 10 channels at successive timestamps, unique per device and sequence.</summary>
    private static TelemetryBatch Batch(string gateway, int device, long sequence, int pointsPerBatch)
    {
        var tags = new DeviceTags("bench", "main", "plant-room", gateway, LoadClass, "ahu-" + device.ToString("D4", CultureInfo.InvariantCulture));
        var points = new TelemetryPoint[pointsPerBatch];
        int perTime = s_channels.Length;
        for (int i = 0; i < pointsPerBatch; i++)
        {
            long time = s_baseTime + (sequence * ((pointsPerBatch + perTime - 1) / perTime)) + (i / perTime);
            points[i] = new TelemetryPoint(tags, s_channels[i % perTime], 20 + ((sequence + i) % 17) * 0.5, string.Empty, Quality.Good, time);
        }

        return new TelemetryBatch(tags, sequence, points);
    }

    /// <summary>
    /// Starts hpms-cloud <paramref name="name"/> (its own state folder) on a free port and waits for /ready: SQLite
    /// in <c>{name}.db</c> (returned) unless <paramref name="connectionString"/> is given (PostgreSQL), InfluxDB
    /// database <paramref name="influxDatabase"/>; <paramref name="extra"/> are further <c>--Section:Key=value</c> settings.
    /// </summary>
    internal static async Task<(Process Process, int Port, string Database)> StartCloudAsync(
        string cloudBin, string work, int mqttPort, int influxPort, string[] extra, string name = "cloud", string? connectionString = null, string influxDatabase = "cloud")
    {
        int port = LocalPeers.FreePort();
        string database = Path.Combine(work, name + ".db");
        string[] store = connectionString is null ? [$"--Database:ConnectionString=Data Source={database}"] : ["--Database:Provider=Postgres", $"--Database:ConnectionString={connectionString}"];
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        foreach (string arg in (string[])[
            Path.GetFullPath(Path.Combine(cloudBin, "hpms-cloud.dll")),
            "--urls", $"http://127.0.0.1:{port}",
            .. store,
            "--Ingest:Host=127.0.0.1",
            $"--Ingest:Port={mqttPort}",
            $"--Ingest:StateDirectory={Path.Combine(work, name + "-state")}",
            $"--Influx:Url=http://127.0.0.1:{influxPort}",
            $"--Influx:Database={influxDatabase}",
            "--Influx:Version=V1",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HPMS_JWT_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && k.StartsWith("HPMS_CLOUD_ENV_", StringComparison.Ordinal))
            {
                info.Environment[k["HPMS_CLOUD_ENV_".Length..]] = e.Value as string;
            }
        }

        var output = new ConcurrentQueue<string>();
        var cloud = Process.Start(info) ?? throw new InvalidOperationException("hpms-cloud did not start");
        void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
                while (output.Count > 40 && output.TryDequeue(out _))
                {
                }
            }
        }

        cloud.OutputDataReceived += (_, e) => Keep(e.Data);
        cloud.ErrorDataReceived += (_, e) => Keep(e.Data);
        cloud.BeginOutputReadLine();
        cloud.BeginErrorReadLine();
        try
        {
            await LocalPeers.WaitForAsync(() => !cloud.HasExited && Ready(port), TimeSpan.FromSeconds(60), "hpms-cloud /ready");
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine(string.Join('\n', output));
            throw;
        }

        return (cloud, port, database);
    }

    private static bool Ready(int port)
    {
        try
        {
            using HttpResponseMessage r = s_http.GetAsync(new Uri($"http://127.0.0.1:{port}/ready")).GetAwaiter().GetResult();
            return r.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<IMqttClient> ConnectAsync(int port, string clientId, CancellationToken cancellationToken)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = MqttSession.WithSocketBuffers(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());
        await client.ConnectAsync(options, cancellationToken);
        return client;
    }

    /// <summary>Door-open-too-long events of distinct fridges at a fixed rate; returns each event id's publish time (Unix ms).</summary>
    private static async Task<ConcurrentDictionary<string, long>> PublishEventsAsync(IMqttClient client, int perSecond, TimeSpan duration)
    {
        var published = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        List<Task> pending = [];
        for (int n = 0; clock.Elapsed < duration; n++)
        {
            TimeSpan due = TimeSpan.FromSeconds((double)n / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            string fridge = "fridge-" + n.ToString("D5", CultureInfo.InvariantCulture);
            var tags = new DeviceTags("bench", "main", "pharmacy", "gw-events", "cold-chain-fridge", fridge);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            string id = "bench-door-" + n.ToString("D5", CultureInfo.InvariantCulture);
            var e = new DeviceEvent(id, DoorKind, tags, EventState.Active, EventSeverity.Warning, now - 300_000, null,
                new Dictionary<string, double> { ["door.open"] = 1 }, $"Fridge {fridge}: door open 300 s");
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(TopicScheme.Event(tags.Site, tags.Gateway, fridge))
                .WithPayload(EnvelopeCodec.Encode(e))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            published[id] = now;
            pending.Add(client.PublishAsync(message, CancellationToken.None));
        }

        await Task.WhenAll(pending);
        return published;
    }

    /// <summary>Keeps the cloud's count of handled telemetry messages current (for the publisher's window).</summary>
    private static async Task FollowAsync(int port, Action<long> update, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                update((await ReadMetricsAsync(port)).TelemetryMessages);
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static Dictionary<string, long> ReadWorkOrders(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT source_ref, created_ms FROM work_orders WHERE source = 'event' AND source_ref LIKE 'bench-door-%'";
        using SqliteDataReader reader = command.ExecuteReader();
        var created = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            created[reader.GetString(0)] = reader.GetInt64(1);
        }

        return created;
    }

    /// <summary>Every field value of the load class in database <c>cloud</c> (InfluxQL count per field, summed).</summary>
    private static Task<long> CountPointsAsync(int influxPort) => CountPointsAsync(influxPort, $"\"{LoadClass}\"", "cloud");

    /// <summary>Every field value of the measurements <paramref name="from"/> (an InfluxQL FROM clause) in <paramref name="database"/>, summed.</summary>
    internal static async Task<long> CountPointsAsync(int influxPort, string from, string database)
    {
        string json = await LocalPeers.InfluxQueryAsync(influxPort, $"SELECT count(*) FROM {from}", database: database);
        using JsonDocument doc = JsonDocument.Parse(json);
        long total = 0;
        foreach (JsonElement result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out JsonElement series))
            {
                continue;
            }

            foreach (JsonElement s in series.EnumerateArray())
            {
                foreach (JsonElement row in s.GetProperty("values").EnumerateArray())
                {
                    total += row.EnumerateArray().Skip(1).Where(v => v.ValueKind == JsonValueKind.Number).Sum(v => v.GetInt64());
                }
            }
        }

        return total;
    }

    internal sealed record CloudMetrics(long Points, long TelemetryMessages, long QueueDepth);

    internal static async Task<CloudMetrics> ReadMetricsAsync(int port)
    {
        string text = await s_http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        long Value(string series) => long.Parse(Regex.Match(text, $"^{Regex.Escape(series)} (\\d+)", RegexOptions.Multiline).Groups[1].Value is { Length: > 0 } v ? v : "0", CultureInfo.InvariantCulture);
        return new CloudMetrics(
            Value("hpms_cloud_ingest_points_total"),
            Value("hpms_cloud_ingest_messages_total{kind=\"telemetry\"}"),
            Value("hpms_cloud_ingest_timeseries_queue_depth{sink=\"influx\"}"));
    }

    internal static double Percentile(double[] sorted, double p) => sorted[(int)Math.Round(p * (sorted.Length - 1))];

    private static void Row(string figure, double value, string reference, double? ratio) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure} | {value:F1} | {reference} | {(ratio is double r ? r.ToString("F2", CultureInfo.InvariantCulture) + "×" : "-")} |"));

    /// <summary>Telemetry of the load devices round-robin, as fast as the broker acknowledges, never more than a window ahead of the cloud.</summary>
    private sealed class LoadPublisher(IMqttClient client, int devices, int pointsPerMessage, int window, Func<long> handledByCloud)
    {
        private const int InFlight = 256;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var slots = new SemaphoreSlim(InFlight);
            long sent = 0;
            long[] sequences = new long[devices];
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    if (sent - handledByCloud() >= window)
                    {
                        await Task.Delay(2, cancellationToken);
                        continue;
                    }

                    await slots.WaitAsync(cancellationToken);
                    int device = (int)(sent % devices);
                    TelemetryBatch batch = Batch("gw-load", device, sequences[device]++, pointsPerMessage);
                    MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                        .WithTopic(TopicScheme.Telemetry(batch.Device.Site, batch.Device.Gateway, batch.Device.DeviceId))
                        .WithPayload(EnvelopeCodec.Encode(batch))
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build();
                    sent++;
                    _ = client.PublishAsync(message, CancellationToken.None).ContinueWith(_ => slots.Release(), TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException)
            {
            }

            // Let the last publishes finish before the semaphore goes.
            for (int i = 0; i < InFlight; i++)
            {
                if (!await slots.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None))
                {
                    break;
                }
            }
        }
    }
}
