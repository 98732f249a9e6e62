using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>
/// The store-and-forward buffer on a disk that really fills: hpms-edge's state directory is a 4 MiB tmpfs (a
/// neighbour's 1 MiB file on it) and the buffer's bound (8 MiB) is larger than the disk. With the uplink cut the
/// buffer fills the disk; the policy drops the oldest telemetry segment by segment (counted in /metrics, logged);
/// when space returns and the link is back, everything kept arrives, in one unbroken run of sequence numbers.
/// Then the neighbour takes every free byte: with nothing left to drop, new telemetry is refused (counted) and
/// the gateway carries on; freed again, it forwards again. The process never exits.
/// </summary>
[Collection(DeviceFaultsSequence.Name)]
public sealed class BufferDiskFullTests(MosquittoFixture fixture, ITestOutputHelper output) : IClassFixture<MosquittoFixture>
{
    private const long DiskBytes = 4L * 1024 * 1024;
    private const long BufferBoundBytes = 8L * 1024 * 1024;
    private const int Panels = 16;
    private const string Sink = "sink=\"mqtt\"";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [TmpfsFact(PeerTool.Mosquitto)]
    public async Task DiskFull_DropsOldestThenRefuses_CountedAndLogged_KeptRecordsDrainWithoutGaps()
    {
        MosquittoBroker broker = fixture.Broker;
        string work = Directory.CreateTempSubdirectory("hpms-disk-full-").FullName;
        using TmpfsMount disk = TmpfsMount.Mount(DiskBytes);
        string neighbour = Path.Combine(disk.Path, "neighbour.bin");
        await File.WriteAllBytesAsync(neighbour, new byte[1024 * 1024]);
        await using SimulatorRunner sim = await StartSimulatorAsync();
        await using var wan = new TcpCutProxy(broker.Port);
        wan.SetDown(true);
        await using MqttObserver cloud = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, broker.Passwords[MosquittoBroker.AdminUser], "hpms/v1/#");
        using var metrics = new EdgeMetricsEndpoint();
        string log = Path.Combine(work, "edge.log");
        string config = await WriteConfigAsync(work, disk.Path, ((TcpEndpointHost)sim.Endpoints.Single()).Port, wan.Port, metrics.Url, log);

        Process edge = EdgeProcess.Start(config, new Dictionary<string, string> { ["HPMS_IT_EDGE_PASSWORD"] = broker.Passwords[MosquittoBroker.AdminUser] });
        EdgeMetricsScrape m = null!;
        async Task<bool> Scrape(Func<EdgeMetricsScrape, bool> condition)
        {
            Assert.False(edge.HasExited, $"hpms-edge exited with {(edge.HasExited ? edge.ExitCode : 0)}; log: {Tail(log)}");
            if (await metrics.TryFetchAsync() is not { } scrape)
            {
                return false;
            }

            m = scrape;
            return condition(m);
        }

        double Q(string name, string kind = "") => m.Series(kind.Length == 0 ? $"{name}{{{Sink}}}" : $"{name}{{{Sink},kind=\"{kind}\"}}");
        try
        {
            // 1. Uplink cut: the buffer grows until the disk is full, then drops its oldest telemetry.
            var filling = Stopwatch.StartNew();
            await Poll.UntilAsync(() => Scrape(_ => Q("hpms_edge_buffer_dropped_total", "telemetry") > 0), s_deadline, () => $"nothing dropped yet; depth {Q("hpms_edge_buffer_depth_bytes")} bytes; log: {Tail(log)}");
            TimeSpan toFull = filling.Elapsed;
            double droppedAtFull = Q("hpms_edge_buffer_dropped_total", "telemetry");
            await Task.Delay(TimeSpan.FromSeconds(3)); // keeps polling on a full disk
            Assert.True(await Scrape(_ => true));
            double dropped = Q("hpms_edge_buffer_dropped_total", "telemetry");
            double kept = Q("hpms_edge_buffer_depth_records");
            double keptBytes = Q("hpms_edge_buffer_depth_bytes");
            Assert.True(dropped > droppedAtFull, $"dropping stopped at {dropped}: polling or appending stalled on the full disk");
            Assert.True(Q("hpms_edge_buffer_disk_errors_total") > 0, "no disk error counted");
            Assert.Equal(0, Q("hpms_edge_buffer_dropped_total", "event"));
            Assert.InRange(keptBytes, 256 * 1024, DiskBytes);
            Assert.True(kept > 100, $"only {kept} records kept");
            Assert.Empty(Telemetry(cloud));

            // 2. Space returns (the neighbour's file goes) and the link is back: everything kept arrives.
            File.Delete(neighbour);
            Assert.True(await Scrape(_ => true));
            double droppedBeforeSpace = Q("hpms_edge_buffer_dropped_total", "telemetry");
            wan.SetDown(false);
            var draining = Stopwatch.StartNew();
            await Poll.UntilAsync(() => Scrape(_ => Q("hpms_edge_buffer_depth_records") < 50 && Telemetry(cloud).Count >= kept), s_deadline, () => $"depth {Q("hpms_edge_buffer_depth_records")}, delivered {Telemetry(cloud).Count} of {kept} kept");
            TimeSpan drain = draining.Elapsed;
            List<long> sequences = [.. Telemetry(cloud).Select(t => t.Sequence).Distinct().Order()];
            Assert.True(sequences[^1] - sequences[0] + 1 == sequences.Count, $"gap in the delivered sequences: {sequences.Count} unique between {sequences[0]} and {sequences[^1]}");
            Assert.True(sequences.Count >= kept);
            double droppedTotal = Q("hpms_edge_buffer_dropped_total", "telemetry");
            Assert.Equal(droppedBeforeSpace, droppedTotal); // nothing dropped once space returned

            // 3. A greedy neighbour takes every byte that comes free: the buffer drops all it has, then refuses.
            wan.SetDown(true);
            long filled;
            using (var greedy = new CancellationTokenSource(s_deadline))
            {
                Task<long> neighbourWriting = Task.Run(() => FillDisk(neighbour, greedy.Token));
                await Poll.UntilAsync(() => Scrape(_ => Q("hpms_edge_buffer_refused_total", "telemetry") > 0), s_deadline, () => $"nothing refused; depth {Q("hpms_edge_buffer_depth_records")}; log: {Tail(log)}");
                await greedy.CancelAsync();
                filled = await neighbourWriting;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.True(await Scrape(_ => true));
            double refused = Q("hpms_edge_buffer_refused_total", "telemetry");
            double droppedWhileFull = Q("hpms_edge_buffer_dropped_total", "telemetry") - droppedTotal;

            // 4. Freed again with the link up: the gateway forwards new readings again.
            File.Delete(neighbour);
            wan.SetDown(false);
            int before = Telemetry(cloud).Count;
            await Poll.UntilAsync(() => Scrape(_ => Telemetry(cloud).Count > before + 50), s_deadline, () => $"delivered {Telemetry(cloud).Count - before} after recovery");
            string text = ReadLog(log);
            Assert.Contains("Buffer mqtt is full", text, StringComparison.Ordinal);
            Assert.Contains("Buffer mqtt: append (disk full) failed", text, StringComparison.Ordinal);
            Assert.Contains("Buffer mqtt: writes succeed again", text, StringComparison.Ordinal);
            Assert.False(edge.HasExited);

            string report = string.Create(
                CultureInfo.InvariantCulture,
                $"""
                Disk full (4 MiB tmpfs, 1 MiB taken by a neighbour, buffer bound 8 MiB, {Panels} gas panels polled every 100 ms, uplink cut):
                | step | figure |
                | --- | --- |
                | disk full after | {toFull.TotalSeconds:F1} s |
                | dropped (oldest telemetry, 512 KiB segments) while full for 3 s | {dropped:F0} records |
                | kept on the full disk | {kept:F0} records, {keptBytes / 1024:F0} KiB |
                | disk errors counted | {Q("hpms_edge_buffer_disk_errors_total"):F0} |
                | kept records delivered after space and link returned | {sequences.Count} unique sequences, no gap, drained in {drain.TotalSeconds:F1} s |
                | a greedy neighbour took every free byte ({filled / 1024} KiB): telemetry dropped, then refused | {droppedWhileFull:F0} dropped, {refused:F0} refused |
                | events dropped or refused | {Q("hpms_edge_buffer_dropped_total", "event") + Q("hpms_edge_buffer_refused_total", "event"):F0} |
                | edge process | never exited; forwarding resumed after the disk was freed |
                """);
            output.WriteLine(report);
            string? reportFile = Environment.GetEnvironmentVariable("HPMS_FAULT_REPORT");
            if (!string.IsNullOrEmpty(reportFile))
            {
                File.AppendAllText(reportFile, report + Environment.NewLine);
            }
        }
        finally
        {
            await EdgeProcess.StopAsync(edge);
            Directory.Delete(work, recursive: true);
        }
    }

    private static List<TelemetryBatch> Telemetry(MqttObserver cloud) =>
        [.. cloud.All().Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            .Select(m => EnvelopeCodec.ParseTelemetry(m.Payload)).Where(r => r.IsOk).Select(r => r.Value!)];

    // A runaway neighbour: writes whatever space there is, and keeps taking what comes free, until cancelled.
    private static long FillDisk(string path, CancellationToken cancellationToken)
    {
        byte[] chunk = new byte[4 * 1024];
        long written = 0;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                file.Write(chunk);
                written += chunk.Length;
            }
            catch (IOException)
            {
                // Full; a short partial write may have moved the position, which is fine for a filler.
                cancellationToken.WaitHandle.WaitOne(5);
            }
        }

        return written;
    }

    private static string ReadLog(string log)
    {
        string folder = Path.GetDirectoryName(log)!;
        return string.Concat(Directory.GetFiles(folder, "edge*.log").Order(StringComparer.Ordinal).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    private static string Tail(string log)
    {
        string text = Directory.Exists(Path.GetDirectoryName(log)) ? ReadLog(log) : string.Empty;
        return text.Length > 3000 ? text[..1500] + " … " + text[^1500..] : text;
    }

    private static async Task<SimulatorRunner> StartSimulatorAsync()
    {
        string devices = string.Join(",", Enumerable.Range(1, Panels).Select(i => $$"""{ "id": "gas-{{i}}", "class": "medical-gas-panel", "endpoint": "tcp", "unitId": {{i}} }"""));
        string json = $$"""
            {
              "name": "disk-full", "site": "test", "seed": 9,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 1 },
              "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
              "devices": [{{devices}}]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(json, "disk-full.json", new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") });
        SimulatorRunner runner = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
        runner.Step(scenario.Time.Start.AddMinutes(5));
        return runner;
    }

    private static async Task<string> WriteConfigAsync(string work, string disk, int simPort, int brokerPort, string metricsUrl, string log)
    {
        string path = Path.Combine(work, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site = "test",
                Id = "gw-disk",
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                Devices = Enumerable.Range(1, Panels).Select(i => new
                {
                    Id = $"gas-{i}", Map = "medical-gas-panel", Transport = "ModbusTcp", Host = "127.0.0.1", Port = simPort, UnitId = i, PollInterval = "00:00:00.1",
                }),
            },
            Uplink = new
            {
                StateDirectory = disk,
                BufferMaxBytes = BufferBoundBytes,
                Mqtt = new { Host = "127.0.0.1", Port = brokerPort, Username = MosquittoBroker.AdminUser, PasswordEnv = "HPMS_IT_EDGE_PASSWORD", Timeout = "00:00:02" },
            },
            Operations = new { MetricsUrl = metricsUrl },
            GatewayHealth = new { Enabled = false },
            Serilog = new { MinimumLevel = new { Default = "Information" }, File = new { Path = log } },
        }));
        return path;
    }
}
