using System.Buffers;
using System.Data.Common;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Domain.WorkOrders;
using Hpms.Cloud.Maintenance;
using Hpms.Cloud.Storage;
using Hpms.Cloud.WorkOrders;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hpms.IntegrationTests.Cloud.Maintenance;

/// <summary>
/// A cloud store, its own database on the shared influxd and a controllable clock; writes device history
/// with the edge's encoder (same measurement, tags and fields) and builds job instances.
/// </summary>
public sealed class MaintenanceRig : IAsyncDisposable
{
    public const long MinuteMs = 60_000;
    public const long HourMs = 3_600_000;

    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<IDisposable> _disposables = [];

    private MaintenanceRig(CloudStore store, Uri influx, string database)
    {
        Store = store;
        InfluxUrl = influx;
        InfluxDatabase = database;
    }

    public static DateTimeOffset Now { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static long NowMs => Now.ToUnixTimeMilliseconds();

    public CloudStore Store { get; }

    public Uri InfluxUrl { get; }

    public string InfluxDatabase { get; }

    public FakeTimeProvider Clock { get; } = new(Now);

    public RecordingVerifier Verifier { get; } = new();

    public static async Task<MaintenanceRig> CreateAsync(DatabaseProvider provider, PostgresFixture postgres, Infrastructure.InfluxdServer influx)
    {
        string database = "pdm_" + Guid.NewGuid().ToString("N")[..12];
        await influx.QueryAsync($"CREATE DATABASE \"{database}\"");
        return new MaintenanceRig(await CloudStore.CreateAsync(provider, postgres), influx.Url, database);
    }

    public static DeviceTags Ahu(string id, string zone = "theatres") => new("st-mary", "north", zone, "gw-01", "air-handling-unit", id);

    public static DeviceTags GasPanel(string id) => new("st-mary", "north", "plant-room", "gw-01", "medical-gas-panel", id);

    /// <summary>Readings every <paramref name="stepMs"/> over the <paramref name="hours"/> before now, value by hours-from-start.</summary>
    public static IEnumerable<TelemetryPoint> History(DeviceTags device, string channel, string unit, int hours, long stepMs, Func<double, double> value)
    {
        long start = NowMs - (hours * HourMs);
        for (long t = start; t <= NowMs; t += stepMs)
        {
            yield return new TelemetryPoint(device, channel, value((t - start) / (double)HourMs), unit, Quality.Good, t);
        }
    }

    public async Task WriteAsync(IEnumerable<TelemetryPoint> points)
    {
        TelemetryPoint[] ordered = [.. points.OrderBy(p => p.Device.DeviceId, StringComparer.Ordinal).ThenBy(p => p.TimestampUnixMs)];
        var buffer = new ArrayBufferWriter<byte>();
        TelemetryEncodeResult encoded = new TelemetryLineEncoder().Encode(ordered, buffer);
        Assert.Equal(0, encoded.RejectedPoints);
        using var body = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        using HttpResponseMessage response = await s_http.PostAsync(new Uri(InfluxUrl, $"write?db={InfluxDatabase}&precision=ms"), body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task RegisterAsync(string deviceId, string zone)
    {
        await using DbConnection c = await Store.Database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(
            "INSERT INTO devices (id, site_id, gateway_id, building, zone, device_class) VALUES (@deviceId, 'st-mary', 'gw-01', 'north', @zone, 'air-handling-unit')",
            new { deviceId, zone });
    }

    public MaintenanceOptions Options(string instance, Uri? influxUrl = null) => new()
    {
        InstanceId = instance,
        Influx = { Url = (influxUrl ?? InfluxUrl).ToString(), Database = InfluxDatabase },
    };

    public PredictiveMaintenanceJob Job(string instance = "instance-a", CloudDatabase? database = null, Uri? influxUrl = null)
    {
        CloudDatabase db = database ?? Store.Database;
        var options = Microsoft.Extensions.Options.Options.Create(Options(instance, influxUrl));
        var influx = new InfluxQueryClient(options);
        _disposables.Add(influx);
        var opener = new WorkOrderOpener(new SlaPolicy(), new AuditLog(db, Clock), Clock);
        var verifier = new FilterChangeVerifier(options, influx, db, Verifier, NullLogger<FilterChangeVerifier>.Instance);
        return new PredictiveMaintenanceJob(options, influx, db, new JobLease(db, Clock), opener, verifier, new MaintenanceMetrics(), Clock, NullLogger<PredictiveMaintenanceJob>.Instance);
    }

    public async Task<List<WorkOrderRow>> WorkOrdersAsync()
    {
        await using DbConnection c = await Store.Database.OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<WorkOrderRow>(
            "SELECT id AS Id, asset_id AS AssetId, cause AS Cause, priority AS Priority, state AS State, zone AS Zone, skill AS Skill, source AS Source, description AS Description FROM work_orders ORDER BY id")];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IDisposable d in _disposables)
        {
            d.Dispose();
        }

        await Store.DisposeAsync();
    }
}
