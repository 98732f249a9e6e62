using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Hpms.IntegrationTests.Cloud.EndToEnd;
using Hpms.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// The whole system on its own servers, for one fault test: simulator → hpms-edge (its own process, through a WAN
/// link the test can cut) → mosquitto (the deployment's persistence and delivery settings) → hpms-cloud (its own
/// process) → PostgreSQL (crash-safe commits) and influxd. Ground truth: the edge also writes every reading it
/// acknowledges to a witness database through its own InfluxDB sink, so "nothing lost" is checked reading by
/// reading (measurement, device, timestamp); events are counted by the edge's durable buffer (its events cursor).
/// Three cabinets drain below their reorder point and two fridge doors are held open around the time the fault
/// starts, so orders, alarms, holds and work orders are decided while a part is down.
/// </summary>
internal sealed class SystemFaultRig : IAsyncDisposable
{
    public const string CloudDatabase = "hpms";
    public const string WitnessDatabase = "witness";

    /// <summary>Simulated time (60×: one wall second is one simulated minute) at which the fault starts.</summary>
    private static readonly TimeSpan s_faultAt = TimeSpan.FromMinutes(12);

    // Cabinets cross their reorder point (30) from 40 at about 13, 15 and 17 simulated minutes; fridge doors are held
    // open from 12 and 14 minutes for 25 minutes, past the edge's 3 s (wall) door rule and past a killed edge's restart.
    private const string Scenario = """
        {
          "name": "system-faults", "site": "test", "seed": 7,
          "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 60 },
          "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
          "devices": [
            { "id": "cab-1", "class": "smart-supply-cabinet", "endpoint": "tcp", "zone": "ward-1",
              "settings": { "binCount": 1, "bins": [ { "itemCode": 100001, "par": 50, "reorderPoint": 30, "onHand": 40, "dailyUse": 1100 } ] } },
            { "id": "cab-2", "class": "smart-supply-cabinet", "endpoint": "tcp", "zone": "ward-2",
              "settings": { "binCount": 1, "bins": [ { "itemCode": 100002, "par": 50, "reorderPoint": 30, "onHand": 40, "dailyUse": 960 } ] } },
            { "id": "cab-3", "class": "smart-supply-cabinet", "endpoint": "tcp", "zone": "ward-3",
              "settings": { "binCount": 1, "bins": [ { "itemCode": 100003, "par": 50, "reorderPoint": 30, "onHand": 40, "dailyUse": 850 } ] } },
            { "id": "fridge-1", "class": "cold-chain-fridge", "endpoint": "tcp", "zone": "pharmacy", "settings": { "doorOpeningsPerHour": 0 } },
            { "id": "fridge-2", "class": "cold-chain-fridge", "endpoint": "tcp", "zone": "theatre", "settings": { "doorOpeningsPerHour": 0 } },
            { "id": "gas-1", "class": "medical-gas-panel", "endpoint": "tcp", "zone": "plant" }
          ],
          "events": [
            { "at": "00:12:00", "kind": "door-open", "device": "fridge-1", "for": "00:25:00" },
            { "at": "00:14:00", "kind": "door-open", "device": "fridge-2", "for": "00:25:00" }
          ]
        }
        """;

    private static readonly string[] s_cabinets = ["cab-1", "cab-2", "cab-3"];
    private static readonly string[] s_fridges = ["fridge-1", "fridge-2"];

    private readonly ITestOutputHelper _output;
    private long _restoredMs;

    private SystemFaultRig(PostgresServer postgres, MosquittoBroker broker, InfluxdServer influxd, ITestOutputHelper output)
    {
        Postgres = postgres;
        Broker = broker;
        Influxd = influxd;
        _output = output;
    }

    public PostgresServer Postgres { get; }

    public MosquittoBroker Broker { get; }

    public InfluxdServer Influxd { get; }

    public HospitalRig Hospital { get; private set; } = null!;

    public TcpCutProxy Wan => Hospital.Wan!;

    /// <summary>Starts every part and waits until readings reach the cloud's InfluxDB.</summary>
    public static async Task<SystemFaultRig> StartAsync(string name, ITestOutputHelper output)
    {
        PostgresServer postgres = await PostgresServer.StartAsync(crashSafeCommits: true);
        MosquittoBroker broker = await MosquittoBroker.StartAsync([], production: true);
        InfluxdServer influxd = await InfluxdServer.StartAsync(CloudDatabase);
        await influxd.QueryAsync($"CREATE DATABASE \"{WitnessDatabase}\"");
        var rig = new SystemFaultRig(postgres, broker, influxd, output);
        rig.Hospital = await HospitalRig.StartAsync(
            postgres, broker, influxd, CloudDatabase, Scenario, TimeSpan.FromMinutes(6),
            new HospitalRigOptions { CloudAsProcess = true, Wan = true, EdgeWitnessDatabase = WitnessDatabase, EdgeMetrics = true, CloudClientId = "cloud-" + name });
        await rig.Hospital.StartEdgeAsync(
            "gw-" + name,
            new { DoorsOpen = new[] { new { Id = "fridge.door-open", DeviceClass = "cold-chain-fridge", Channel = "door.open", MaxOpen = "00:00:03" } } },
            TimeSpan.Zero);
        await Poll.UntilAsync(async () => (await rig.RowsAsync(CloudDatabase)).Count >= 12, TimeSpan.FromSeconds(90), () => "no readings reached the cloud's InfluxDB: " + rig.Hospital.CloudProcess!.Output);
        return rig;
    }

    /// <summary>
    /// Waits until the fault is due (events about to fire), takes the part down with <paramref name="down"/>, keeps it
    /// down for <paramref name="outage"/>, brings it back with <paramref name="up"/> and measures the drain.
    /// </summary>
    public async Task<DrainFigures> OutageAsync(string fault, TimeSpan outage, Func<Task> down, Func<Task> up)
    {
        await WaitForFaultTimeAsync();
        await down();
        await Task.Delay(outage);
        await up();
        return await DrainAsync(fault, outage);
    }

    /// <summary>Cuts and restores the WAN link (down <paramref name="cut"/>, up <paramref name="restored"/>) for <paramref name="duration"/>, then measures the drain.</summary>
    public async Task<DrainFigures> FlappingAsync(TimeSpan duration, TimeSpan cut, TimeSpan restored)
    {
        await WaitForFaultTimeAsync();
        long end = Environment.TickCount64 + (long)duration.TotalMilliseconds;
        int flaps = 0;
        while (Environment.TickCount64 < end && flaps < 1000)
        {
            Wan.SetDown(true);
            await Task.Delay(cut);
            Wan.SetDown(false);
            flaps++;
            await Task.Delay(restored);
        }

        Wan.SetDown(true); // the last cut, so the drain starts from a backlog like the other faults
        await Task.Delay(cut);
        Wan.SetDown(false);
        _output.WriteLine($"WAN cut {flaps + 1} times ({cut.TotalSeconds:F0} s down, {restored.TotalSeconds:F0} s up)");
        return await DrainAsync($"WAN flapping ({cut.TotalSeconds:F0} s down / {restored.TotalSeconds:F0} s up)", duration);
    }

    /// <summary>
    /// The end of every fault test: all work decided, every reading the edge acknowledged in the cloud's InfluxDB,
    /// every event it acknowledged in the ledger, exactly one order line, alarm, hold and work order per cause, no
    /// dead letter. Writes the figures to the test output (and to <c>HPMS_FAULT_FIGURES</c> when set).
    /// </summary>
    public async Task VerifyAsync(DrainFigures measured)
    {
        TimeSpan deadline = FaultDurations.DeadlineAfter(measured.Outage);
        await Poll.UntilAsync(
            async () => await ScalarAsync("SELECT COUNT(DISTINCT cabinet_id) FROM order_lines") == s_cabinets.Length
                && await ScalarAsync("SELECT COUNT(DISTINCT asset_id) FROM work_orders WHERE asset_id LIKE 'fridge-%'") == s_fridges.Length,
            deadline,
            () => "orders / work orders missing: " + Dump("SELECT cabinet_id, item_id, status FROM order_lines") + " | " + Dump("SELECT asset_id, cause, state FROM work_orders")
                + " | events: " + Dump("SELECT event_id, state, kind, device_id FROM events ORDER BY received_ms") + " | edge: " + Hospital.EdgeOutput);

        // Events: the edge's events cursor (every event record it delivered) once its buffer is empty, against the ledger.
        long acknowledgedEvents = 0;
        await Poll.UntilAsync(
            async () =>
            {
                if (await EdgeDepthAsync("mqtt") != 0)
                {
                    return false;
                }

                acknowledgedEvents = EventsCursor();
                return await ScalarAsync("SELECT COUNT(*) FROM events") >= acknowledgedEvents;
            },
            deadline,
            () => $"ledger {Dump("SELECT event_id, state, kind, device_id FROM events")}; edge delivered {acknowledgedEvents} event records");
        Assert.True(acknowledgedEvents >= s_cabinets.Length + s_fridges.Length, $"only {acknowledgedEvents} events acknowledged by the edge");
        Assert.Equal(acknowledgedEvents, await ScalarAsync("SELECT COUNT(*) FROM events"));

        // Readings: everything the witness holds up to a few seconds ago is in the cloud's InfluxDB, including at least
        // 30 readings taken after the restore (the system works on after the fault, not only drains).
        HashSet<(string, string, long)> witness = [];
        HashSet<(string, string, long)> cloud = [];
        await Poll.UntilAsync(
            async () =>
            {
                if (await EdgeDepthAsync("influx") != 0)
                {
                    return false;
                }

                long until = DateTimeOffset.UtcNow.AddSeconds(-3).ToUnixTimeMilliseconds();
                witness = Until(await RowsAsync(WitnessDatabase), until);
                cloud = Until(await RowsAsync(CloudDatabase), until);
                return cloud.IsSupersetOf(witness) && witness.Count(r => r.Item3 > _restoredMs) >= 30;
            },
            deadline,
            () => $"{witness.Except(cloud).Count()} of {witness.Count} acknowledged readings missing, e.g. {string.Join(", ", witness.Except(cloud).Take(5))}");

        IReadOnlyDictionary<string, double>? edge = await Hospital.EdgeMetricsAsync();
        double pointsPerReading = edge is not null && edge.GetValueOrDefault("hpms_edge_readings_total") > 0
            ? edge["hpms_edge_points_total"] / edge["hpms_edge_readings_total"]
            : 0;
        DrainFigures figures = measured with { Acknowledged = witness.Count, Missing = witness.Except(cloud).Count(), PointsPerReading = pointsPerReading, Events = acknowledgedEvents };
        _output.WriteLine(figures.ToString());
        _output.WriteLine($"events acknowledged and in the ledger: {acknowledgedEvents}; cloud rows not in the witness (edge killed between its two appends): {cloud.Except(witness).Count()}");
        _output.WriteLine("cloud ingest: " + string.Join(" | ", Hospital.CloudProcess!.Output.Split('\n').Where(l => l.Contains("Ingest", StringComparison.Ordinal)).TakeLast(8)));
        _output.WriteLine("edge log (last lines):\n" + Hospital.EdgeOutput);
        string? file = Environment.GetEnvironmentVariable("HPMS_FAULT_FIGURES");
        if (!string.IsNullOrEmpty(file))
        {
            await File.AppendAllTextAsync(file, figures + Environment.NewLine);
        }

        Assert.Equal(0, figures.Missing);
        Assert.True(cloud.Except(witness).Count() <= 2, $"{cloud.Except(witness).Count()} cloud readings the edge never acknowledged");
        Assert.True(witness.Count >= 60, $"only {witness.Count} readings acknowledged: the run did not produce enough to prove anything");

        string ledger = Dump("SELECT event_id, state, kind, device_id FROM events ORDER BY received_ms");
        Assert.True(string.Empty == Dump("SELECT cabinet_id, COUNT(*) FROM order_lines GROUP BY cabinet_id HAVING COUNT(*) > 1"), // one bin each: one cause each
            Dump("SELECT cabinet_id, item_id, status, source_event_id FROM order_lines") + " | events: " + ledger);
        Assert.Equal(string.Empty, Dump("SELECT device_id, rule_id, series, COUNT(*) FROM alarms GROUP BY device_id, rule_id, series HAVING COUNT(*) > 1"));
        Assert.Equal(string.Empty, Dump("SELECT alarm_id, COUNT(*) FROM stock_holds GROUP BY alarm_id HAVING COUNT(*) > 1"));
        Assert.Equal(string.Empty, Dump("SELECT asset_id, cause, COUNT(*) FROM work_orders GROUP BY asset_id, cause HAVING COUNT(*) > 1"));
        string alarms = Dump("SELECT a.device_id, a.kind, a.rule_id, a.series, a.state, h.id AS hold FROM alarms a LEFT JOIN stock_holds h ON h.alarm_id = a.id");
        foreach (string fridge in s_fridges)
        {
            // The open door warms the fridge: its alarm (one per rule and series, checked above) puts the stock on hold.
            Assert.True(await ScalarAsync($"SELECT COUNT(*) FROM alarms WHERE device_id = '{fridge}'") >= 1, alarms);
            Assert.True(await ScalarAsync($"SELECT COUNT(*) FROM stock_holds WHERE device_id = '{fridge}'") >= 1, alarms);
        }

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM dead_letters"));
    }

    /// <summary>A depth gauge of the edge's buffer for <paramref name="sink"/>; -1 while the edge does not answer.</summary>
    public async Task<double> EdgeDepthAsync(string sink)
    {
        IReadOnlyDictionary<string, double>? metrics = await Hospital.EdgeMetricsAsync();
        return metrics?.GetValueOrDefault($"hpms_edge_buffer_depth_records{{sink=\"{sink}\"}}", -1) ?? -1;
    }

    public Task<long> ScalarAsync(string sql) => Hospital.ScalarAsync(sql);

    public async ValueTask DisposeAsync()
    {
        if (Hospital is not null)
        {
            await Hospital.DisposeAsync();
        }

        await Influxd.DisposeAsync();
        await Broker.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    private async Task WaitForFaultTimeAsync()
    {
        DateTimeOffset at = Hospital.Simulator.Scenario.Time.Start + s_faultAt;
        await Poll.UntilAsync(() => Hospital.Simulator.SimulatedNow >= at, TimeSpan.FromSeconds(120), () => $"simulated time {Hospital.Simulator.SimulatedNow:O}");
    }

    /// <summary>
    /// From the restore: the backlog (readings acknowledged by then and not yet in the cloud), and the time until
    /// every one of them is in the cloud's InfluxDB with the edge's buffers empty.
    /// </summary>
    private async Task<DrainFigures> DrainAsync(string fault, TimeSpan outage)
    {
        long restored = Environment.TickCount64;
        long restoredMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        int inCloudAtRestore = Until(await RowsAsync(CloudDatabase), restoredMs).Count;
        HashSet<(string, string, long)> witness = [];
        HashSet<(string, string, long)> cloud = [];
        await Poll.UntilAsync(
            async () =>
            {
                if (await EdgeDepthAsync("mqtt") != 0 || await EdgeDepthAsync("influx") != 0)
                {
                    return false;
                }

                witness = Until(await RowsAsync(WitnessDatabase), restoredMs);
                cloud = Until(await RowsAsync(CloudDatabase), restoredMs);
                return cloud.IsSupersetOf(witness);
            },
            FaultDurations.DeadlineAfter(outage),
            () => $"{fault}: {witness.Except(cloud).Count()} of {witness.Count} readings acknowledged before the restore still missing; edge mqtt depth {EdgeDepthAsync("mqtt").GetAwaiter().GetResult()}; edge: {Hospital.EdgeOutput}; cloud: {Hospital.CloudProcess!.Output}");
        double seconds = (Environment.TickCount64 - restored) / 1000.0;
        _restoredMs = restoredMs;
        return new DrainFigures(fault, outage, witness.Count, 0, Math.Max(0, witness.Count - inCloudAtRestore), seconds, 0);
    }

    private static HashSet<(string, string, long)> Until(HashSet<(string Measurement, string Device, long Time)> rows, long untilMs) =>
        [.. rows.Where(r => r.Time <= untilMs)];

    /// <summary>Every reading in <paramref name="database"/>: (measurement, device, timestamp ms).</summary>
    private async Task<HashSet<(string Measurement, string Device, long Time)>> RowsAsync(string database)
    {
        HashSet<(string, string, long)> rows = [];
        using JsonDocument answer = await Influxd.QueryAsync("SELECT * FROM /.*/", database);
        JsonElement result = answer.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out JsonElement series))
        {
            return rows;
        }

        foreach (JsonElement s in series.EnumerateArray())
        {
            string measurement = s.GetProperty("name").GetString()!;
            string[] columns = [.. s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];
            int time = Array.IndexOf(columns, "time");
            int device = Array.IndexOf(columns, "device");
            foreach (JsonElement row in s.GetProperty("values").EnumerateArray())
            {
                rows.Add((measurement, row[device].GetString()!, row[time].GetInt64()));
            }
        }

        return rows;
    }

    /// <summary>The edge's events cursor: event records delivered to the broker over every run (the file is 8 bytes of sequence, CRC, magic).</summary>
    private long EventsCursor()
    {
        string path = Path.Combine(Hospital.EdgeStateDirectory, "buffer-mqtt", "events", "cursor");
        if (!File.Exists(path))
        {
            return 0;
        }

        byte[] bytes = File.ReadAllBytes(path);
        return bytes.Length == 16 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : throw new InvalidDataException($"{path}: {bytes.Length} bytes");
    }

    private string Dump(string sql) => Hospital.DumpAsync(sql).GetAwaiter().GetResult();
}
