using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Ingest;
using Hpms.Cloud.Storage;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hpms.IntegrationTests.Cloud.Ingest;

/// <summary>The cloud ingest against a real mosquitto, influxd and both databases.</summary>
[Collection("postgres")]
public sealed class IngestTests(PostgresFixture postgres, MosquittoFixture mosquitto, InfluxdFixture influxd)
    : IClassFixture<MosquittoFixture>, IClassFixture<InfluxdFixture>
{
    private const PeerTool Peers = PeerTool.Postgres | PeerTool.Mosquitto | PeerTool.Influxd;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Telemetry_ArrivesInInfluxDbWithTagsAndFields_AndCabinetStockInBinStock(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        await using IngestRig rig = await IngestRig.StartAsync(store, mosquitto.Broker, group: Group(), influx: influxd.Server.Url, database: InfluxdFixture.Database);
        await using MqttObserver gateway = await PublisherAsync();
        string site = "site-" + provider.ToString().ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6];
        DeviceTags fridge = new(site, "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-07");
        DeviceTags cabinet = new(site, "north", "ward-3", "gw-01", "smart-supply-cabinet", "cab-" + site);
        long ts = 1_700_000_000_000 + Random.Shared.Next(1_000_000);

        await PublishAsync(gateway, TopicScheme.Telemetry(site, "gw-01", "fridge-07"), EnvelopeCodec.Encode(new TelemetryBatch(fridge, 1,
        [
            new TelemetryPoint(fridge, "temperature", 4.5, "°C", Quality.Good, ts),
            new TelemetryPoint(fridge, "door.open", 0, string.Empty, Quality.Good, ts),
            new TelemetryPoint(fridge, "humidity", double.NaN, "%", Quality.Bad, ts),
        ])));
        await PublishAsync(gateway, TopicScheme.Telemetry(site, "gw-01", cabinet.DeviceId), EnvelopeCodec.Encode(new TelemetryBatch(cabinet, 2,
        [
            new TelemetryPoint(cabinet, "bin03.count", 7, "pcs", Quality.Good, ts),
            new TelemetryPoint(cabinet, "bin03.item-code", 100123, string.Empty, Quality.Good, ts),
            new TelemetryPoint(cabinet, "bin03.par", 40, "pcs", Quality.Good, ts),
            new TelemetryPoint(cabinet, "bin03.reorder-point", 10, "pcs", Quality.Good, ts),
            new TelemetryPoint(cabinet, "bin03.expiry", 20271231, string.Empty, Quality.Good, ts),
        ])));

        JsonElement row = default;
        string[] columns = [];
        await Poll.UntilAsync(
            async () =>
            {
                using JsonDocument answer = await influxd.Server.QueryAsync($"SELECT * FROM \"cold-chain-fridge\" WHERE site = '{site}'", InfluxdFixture.Database);
                JsonElement result = answer.RootElement.GetProperty("results")[0];
                if (!result.TryGetProperty("series", out JsonElement series))
                {
                    return false;
                }

                columns = [.. series[0].GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];
                row = series[0].GetProperty("values")[0].Clone();
                return true;
            },
            s_deadline,
            () => $"no fridge row in InfluxDB; ingest counters: telemetry {rig.Counters.Telemetry}, queue {rig.Sink.QueueDepth}");

        object? Column(string name) => row[Array.IndexOf(columns, name)] switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
            _ => null,
        };
        Assert.Equal((double)ts, Column("time"));
        Assert.Equal(("north", "fridge-07", "gw-01", site, "pharmacy"), (Column("building"), Column("device"), Column("gateway"), Column("site"), Column("zone")));
        Assert.Equal((4.5, 0.0, 1.0), (Column("temperature"), Column("door.open"), Column("humidity_quality")));

        await Poll.UntilAsync(() => rig.Counters.Telemetry == 2, s_deadline, () => $"telemetry accepted: {rig.Counters.Telemetry}");
        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);
        var stock = await c.QuerySingleAsync<(string Item, long OnHand, long Par, long Reorder, long Expiry, long Updated)>(
            "SELECT item_id, on_hand, par, reorder_point, expiry_ms, updated_ms FROM bin_stock WHERE cabinet_id = @id AND bin = 3", new { id = cabinet.DeviceId });
        Assert.Equal(("100123", 7L, 40L, 10L, new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), ts), stock);
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM devices WHERE site_id = @site AND online = 1", new { site }));
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MalformedAndForeignPayloads_AreDeadLetteredWithTheirReason_AndTheIngestKeepsGoing(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        await using (DbConnection setup = await store.Database.OpenAsync(CancellationToken.None))
        {
            await setup.ExecuteAsync("INSERT INTO devices (id, site_id, gateway_id, building, zone, device_class) VALUES ('fridge-01', 's1', 'gw-01', 'north', 'pharmacy', 'cold-chain-fridge')");
        }

        await using IngestRig rig = await IngestRig.StartAsync(store, mosquitto.Broker, group: Group(), autoRegister: false);
        await using MqttObserver gateway = await PublisherAsync();
        DeviceTags known = new("s1", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-01");
        DeviceTags unknown = known with { DeviceId = "fridge-99" };
        byte[] garbage = [0x7b, 0x22, 0xff, 0x00, 0x01];

        await PublishAsync(gateway, TopicScheme.Telemetry("s1", "gw-01", "fridge-01"), garbage);
        await PublishAsync(gateway, TopicScheme.Event("s1", "gw-01", "fridge-01"), EnvelopeCodec.Encode(Event("evt-x", known with { Gateway = "gw-02" })));
        await PublishAsync(gateway, TopicScheme.Telemetry("s1", "gw-01", "fridge-99"), EnvelopeCodec.Encode(Batch(unknown, 4.0)));
        await PublishAsync(gateway, TopicScheme.Telemetry("s1", "gw-01", "fridge-01"), EnvelopeCodec.Encode(Batch(known, 5.0)));

        await Poll.UntilAsync(() => rig.Counters.Telemetry == 1 && rig.Counters.DeadLettersStored == 3, s_deadline,
            () => $"telemetry {rig.Counters.Telemetry}, dead letters stored {rig.Counters.DeadLettersStored}");
        Assert.True(rig.Latest.TryGet("fridge-01", "temperature", out TelemetryPoint latest));
        Assert.Equal(5.0, latest.Value);
        Assert.Equal(
            (1L, 1L, 1L),
            (rig.Counters.DeadLettersOf(DeadLetterReasons.BadPayload), rig.Counters.DeadLettersOf(DeadLetterReasons.TopicMismatch), rig.Counters.DeadLettersOf(DeadLetterReasons.UnknownDevice)));
        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);
        List<(string Topic, string Reason, string Payload, long Bytes)> rows =
            [.. await c.QueryAsync<(string, string, string, long)>("SELECT topic, reason, payload_base64, payload_bytes FROM dead_letters ORDER BY reason")]; // messages of different topics are handled concurrently
        Assert.Equal(3, rows.Count);
        Assert.Equal(TopicScheme.Telemetry("s1", "gw-01", "fridge-01"), rows[0].Topic);
        Assert.StartsWith("bad-payload: telemetry", rows[0].Reason, StringComparison.Ordinal);
        Assert.Equal(garbage, Convert.FromBase64String(rows[0].Payload));
        Assert.Equal(garbage.Length, rows[0].Bytes);
        Assert.StartsWith("topic-mismatch: ", rows[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("unknown-device: ", rows[2].Reason, StringComparison.Ordinal);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM devices WHERE id = 'fridge-99'"));
    }

    [PeerFact(Peers)]
    public async Task BadInput_OversizedDeepNonFiniteAncientAndFuture_RefusedCountedDeadLetteredAndIngestKeepsGoing()
    {
        await using CloudStore store = await CloudStore.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await using IngestRig rig = await IngestRig.StartAsync(store, mosquitto.Broker, group: Group());
        await using MqttObserver gateway = await PublisherAsync();
        DeviceTags fridge = new("s-bad", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-01");
        string telemetry = TopicScheme.Telemetry("s-bad", "gw-01", "fridge-01");
        string events = TopicScheme.Event("s-bad", "gw-01", "fridge-01");
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long tenYears = (long)TimeSpan.FromDays(3653).TotalMilliseconds;
        string valid = Encoding.UTF8.GetString(EnvelopeCodec.Encode(new TelemetryBatch(fridge, 1, [new TelemetryPoint(fridge, "temperature", 4.5, "°C", Quality.Good, now)])));
        byte[] With(string from, string to) => Encoding.UTF8.GetBytes(valid.Replace(from, to, StringComparison.Ordinal));
        string nowText = now.ToString(CultureInfo.InvariantCulture);
        int oversize = new IngestOptions().MaxPayloadBytes + 1000;

        // One topic, so they are handled in order: every refusal comes before the good message at the end.
        await PublishAsync(gateway, telemetry, Encoding.UTF8.GetBytes(valid + new string(' ', oversize)));                    // too-large (valid JSON, padded)
        await PublishAsync(gateway, telemetry, Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)));  // 10,000 levels deep
        await PublishAsync(gateway, telemetry, With("4.5", "NaN"));
        await PublishAsync(gateway, telemetry, With("4.5", "Infinity"));
        await PublishAsync(gateway, telemetry, With("4.5", "1e309"));                                                       // overflows to infinity
        await PublishAsync(gateway, telemetry, With(nowText, "0"));                                                         // 1970
        await PublishAsync(gateway, telemetry, With(nowText, (now + tenYears).ToString(CultureInfo.InvariantCulture)));    // +10 years
        await PublishAsync(gateway, events, EnvelopeCodec.Encode(Event("evt-future", fridge) with { StartedUnixMs = now + tenYears }));
        await PublishAsync(gateway, telemetry, With("4.5", "1e308"));                                                       // huge but finite: a reading
        await PublishAsync(gateway, telemetry, With("4.5", "5.5"));

        await Poll.UntilAsync(() => rig.Latest.TryGet("fridge-01", "temperature", out TelemetryPoint p) && p.Value == 5.5 && rig.Counters.DeadLettersStored == 8, s_deadline,
            () => $"telemetry {rig.Counters.Telemetry}, dead letters {string.Join(", ", rig.Counters.DeadLetters().Select(d => $"{d.Key}={d.Value}"))}");
        Assert.Equal(2, rig.Counters.Telemetry);
        Assert.Equal(0, rig.Counters.Events);
        Assert.Equal(
            (1L, 5L, 2L),
            (rig.Counters.DeadLettersOf(DeadLetterReasons.TooLarge), rig.Counters.DeadLettersOf(DeadLetterReasons.BadPayload), rig.Counters.DeadLettersOf(DeadLetterReasons.FutureTimestamp)));

        var metrics = new Hpms.Cloud.Operations.PrometheusText();
        new IngestMetrics(rig.Counters, rig.Sink, TimeProvider.System).WriteTo(metrics);
        Assert.Contains("hpms_cloud_ingest_dead_letters_total{reason=\"too-large\"} 1\n", metrics.ToString(), StringComparison.Ordinal);
        Assert.Contains("hpms_cloud_ingest_dead_letters_total{reason=\"future-timestamp\"} 2\n", metrics.ToString(), StringComparison.Ordinal);

        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);
        List<(string Reason, string Payload, long Bytes)> rows = [.. await c.QueryAsync<(string, string, long)>("SELECT reason, payload_base64, payload_bytes FROM dead_letters ORDER BY id")];
        Assert.Equal(8, rows.Count);
        (string Reason, string Payload, long Bytes) tooLarge = Assert.Single(rows, r => r.Reason.StartsWith("too-large: ", StringComparison.Ordinal));
        Assert.Equal(valid.Length + oversize, tooLarge.Bytes);
        Assert.Equal(new IngestOptions().MaxPayloadBytes, Convert.FromBase64String(tooLarge.Payload).Length); // kept up to the limit, not the whole
        Assert.Contains(rows, r => r.Reason.StartsWith("bad-payload: telemetry: not valid JSON", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Reason.StartsWith("bad-payload: telemetry.points[0].ts", StringComparison.Ordinal));
        Assert.Equal(2, rows.Count(r => r.Reason.StartsWith("future-timestamp: timestamp ", StringComparison.Ordinal)));
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SameEventPublishedFiveTimes_GivesOneLedgerRow(DatabaseProvider provider)
    {
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        await using IngestRig rig = await IngestRig.StartAsync(store, mosquitto.Broker, group: Group());
        await using MqttObserver gateway = await PublisherAsync();
        DeviceTags fridge = new("s1", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-02");
        byte[] payload = EnvelopeCodec.Encode(Event("evt-fridge-02-1", fridge));

        for (int i = 0; i < 5; i++)
        {
            await PublishAsync(gateway, TopicScheme.Event("s1", "gw-01", "fridge-02"), payload);
        }

        await Poll.UntilAsync(() => rig.Counters.Events == 5, s_deadline, () => $"events accepted: {rig.Counters.Events}");
        await using DbConnection c = await store.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events WHERE event_id = 'evt-fridge-02-1'"));
        Assert.Equal((1L, 4L), (rig.Counters.EventsHandled, rig.Counters.EventsDuplicate));
    }

    [PeerTheory(Peers)]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoInstancesInOneSharedGroup_SplitTheMessages(DatabaseProvider provider)
    {
        const int Sent = 200;
        await using CloudStore store = await CloudStore.CreateAsync(provider, postgres);
        string group = Group();
        await using IngestRig a = await IngestRig.StartAsync(store, mosquitto.Broker, group: group);
        await using IngestRig b = await IngestRig.StartAsync(store, mosquitto.Broker, group: group);
        await using MqttObserver gateway = await PublisherAsync();
        DeviceTags fridge = new("s2", "north", "pharmacy", "gw-01", "cold-chain-fridge", "fridge-03");

        for (int i = 0; i < Sent; i++)
        {
            await PublishAsync(gateway, TopicScheme.Telemetry("s2", "gw-01", "fridge-03"), EnvelopeCodec.Encode(Batch(fridge, i, i)));
        }

        await Poll.UntilAsync(() => a.Counters.Telemetry + b.Counters.Telemetry >= Sent, s_deadline,
            () => $"a {a.Counters.Telemetry}, b {b.Counters.Telemetry} of {Sent}");
        Assert.Equal(Sent, a.Counters.Telemetry + b.Counters.Telemetry);
        Assert.True(a.Counters.Telemetry > 0 && b.Counters.Telemetry > 0, $"a {a.Counters.Telemetry}, b {b.Counters.Telemetry}");
    }

    /// <summary>A group per test: a shared subscription left by another test's instance would take a share.</summary>
    private static string Group() => "g-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<MqttObserver> PublisherAsync() =>
        await MqttObserver.ConnectAsync(mosquitto.Broker.Port, MosquittoBroker.AdminUser, mosquitto.Broker.Passwords[MosquittoBroker.AdminUser], null);

    private static async Task PublishAsync(MqttObserver client, string topic, byte[] payload)
    {
        MqttClientPublishResult result = await client.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess, result.ReasonString);
    }

    private static TelemetryBatch Batch(DeviceTags device, double temperature, long sequence = 1) =>
        new(device, sequence, [new TelemetryPoint(device, "temperature", temperature, "°C", Quality.Good, 1_700_000_000_000 + sequence)]);

    private static DeviceEvent Event(string id, DeviceTags device) =>
        new(id, "temperature-high:fridge.temperature-high:temperature", device, EventState.Active, EventSeverity.Critical, 1_700_000_000_000, null,
            new Dictionary<string, double> { ["temperature"] = 9.25 }, "above 8 °C for 15 min");
}
