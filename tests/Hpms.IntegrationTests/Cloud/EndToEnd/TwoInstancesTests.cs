using System.Globalization;
using Dapper;
using Hpms.Cloud.Ingest;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Hpms.IntegrationTests.Cloud.EndToEnd;

/// <summary>
/// Two hpms-cloud instances in one MQTT 5 shared group on a real mosquitto, over one PostgreSQL: the same
/// stock and fridge events published many times still yield one order line, one alarm, one hold and one
/// work order per cause, and both instances did part of the work.
/// </summary>
[Collection("postgres")]
public sealed class TwoInstancesTests(PostgresFixture postgres, MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private const int Copies = 40;

    [PeerFact(PeerTool.Mosquitto | PeerTool.Postgres)]
    public async Task SharedSubscription_DuplicatedEvents_ExactlyOneOrderLineAndWorkOrderPerCause()
    {
        MosquittoBroker broker = mosquitto.Broker;
        string password = broker.Passwords[MosquittoBroker.AdminUser];
        Environment.SetEnvironmentVariable("HPMS_IT_TWO_MQTT_PASSWORD", password);
        string connectionString = await postgres.Server!.CreateDatabaseAsync("two");
        await using CloudApp first = await StartAsync(connectionString, broker.Port, "cloud-a");
        await using CloudApp second = await StartAsync(connectionString, broker.Port, "cloud-b");
        await using MqttObserver gateway = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, password, null);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var cabinet = new DeviceTags("test", "main", "ward-3", "gw-two", "smart-supply-cabinet", "cab-9");
        var fridge = new DeviceTags("test", "main", "pharmacy", "gw-two", "cold-chain-fridge", "fridge-9");
        DeviceEvent stock = new("stock-cab-9-bin01", "stock-below-reorder-point:cabinet.stock-reorder:bin01", cabinet, EventState.Active, EventSeverity.Warning,
            now - 1000, null, new Dictionary<string, double> { ["value"] = 8, ["limit"] = 10 }, "bin01 at 8 (reorder point 10)");
        DeviceEvent door = new("door-fridge-9", "door-open-too-long:fridge.door-open:door.open", fridge, EventState.Active, EventSeverity.Warning,
            now - 400_000, null, new Dictionary<string, double> { ["value"] = 400 }, "door open 400 s");
        await WaitConnectedAsync(first, second);
        using (HttpClient probe = first.Anonymous())
        {
            string ready = await probe.GetStringAsync("ready");
            Assert.Contains("\"ingest-mqtt\":\"ok\"", ready, StringComparison.Ordinal);
        }

        for (int i = 0; i < Copies; i++)
        {
            await gateway.PublishAsync(TopicScheme.Event("test", "gw-two", "cab-9"), EnvelopeCodec.Encode(stock));
            await gateway.PublishAsync(TopicScheme.Event("test", "gw-two", "fridge-9"), EnvelopeCodec.Encode(door));
        }

        IngestCounters a = first.Services.GetRequiredService<IngestCounters>();
        IngestCounters b = second.Services.GetRequiredService<IngestCounters>();
        await Poll.UntilAsync(() => a.Events + b.Events >= 2 * Copies, TimeSpan.FromSeconds(60), () => $"the instances saw {a.Events} + {b.Events} of {2 * Copies} events");

        Assert.True(a.Events > 0 && b.Events > 0, $"the shared group should split the load: {a.Events} / {b.Events}");
        Assert.Equal(2, a.EventsHandled + b.EventsHandled);
        Assert.Equal((2 * Copies) - 2, a.EventsDuplicate + b.EventsDuplicate);
        Assert.Equal(1, await CountAsync(first, "SELECT COUNT(*) FROM order_lines WHERE cabinet_id = 'cab-9'"));
        Assert.Equal(1, await CountAsync(first, "SELECT COUNT(*) FROM alarms WHERE device_id = 'fridge-9'"));
        Assert.Equal(1, await CountAsync(first, "SELECT COUNT(*) FROM stock_holds WHERE device_id = 'fridge-9'"));
        Assert.Equal(1, await CountAsync(first, "SELECT COUNT(*) FROM work_orders WHERE asset_id = 'fridge-9'"));
        Assert.Equal(2, await CountAsync(first, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public async Task Ready_IngestWithoutABroker_Is503NamingTheIngest()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        Environment.SetEnvironmentVariable("HPMS_IT_TWO_MQTT_PASSWORD", "unused");
        await using CloudApp cloud = await CloudApp.StartAsync(new Dictionary<string, string>
        {
            ["Ingest:Enabled"] = "true",
            ["Ingest:Port"] = closedPort.ToString(CultureInfo.InvariantCulture),
            ["Ingest:Username"] = "nobody",
            ["Ingest:PasswordEnv"] = "HPMS_IT_TWO_MQTT_PASSWORD",
            ["Maintenance:Enabled"] = "false",
        });
        using HttpClient probe = cloud.Anonymous();

        using HttpResponseMessage response = await probe.GetAsync("ready");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("ingest-mqtt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<CloudApp> StartAsync(string connectionString, int port, string clientId) =>
        CloudApp.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Ingest:Enabled"] = "true",
            ["Ingest:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Ingest:Username"] = MosquittoBroker.AdminUser,
            ["Ingest:PasswordEnv"] = "HPMS_IT_TWO_MQTT_PASSWORD",
            ["Ingest:ClientId"] = clientId,
            ["Maintenance:Enabled"] = "false",
        });

    // Both must be subscribed before the first publish, or the first one takes every message.
    private static async Task WaitConnectedAsync(CloudApp first, CloudApp second)
    {
        MqttIngestService a = first.Services.GetRequiredService<MqttIngestService>();
        MqttIngestService b = second.Services.GetRequiredService<MqttIngestService>();
        await Poll.UntilAsync(() => a.IsSubscribed && b.IsSubscribed, TimeSpan.FromSeconds(30), () => "the ingest instances did not subscribe");
    }

    private static async Task<long> CountAsync(CloudApp cloud, string sql)
    {
        await using System.Data.Common.DbConnection c = await cloud.Database.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
