using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Hpms.IntegrationTests.Cloud.Api;

/// <summary>
/// Commands through the real app and a real mosquitto to a fake gateway that subscribes like the edge
/// (<see cref="TopicScheme.GatewayCommands"/>), verifies the signature with its key and answers on the
/// MQTT 5 response topic with the correlation data.
/// </summary>
public sealed class CommandApiTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private const string Site = "site-a";
    private const string Gateway = "gw-1";
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Unlock_Engineer_ReachesGateway_ReplyReturnedStoredAndAudited()
    {
        await using CloudApp app = await StartAsync(TimeSpan.FromSeconds(10));
        List<DeviceCommand> received = [];
        using IMqttClient gateway = await FakeGatewayAsync(received, answer: true);
        using HttpClient engineer = await app.ClientAsync(Roles.Engineer);

        using HttpResponseMessage response = await engineer.PostAsJsonAsync("api/devices/cab-1/commands/unlock", new { args = new { badge = "B-17" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string id = body.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("succeeded", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("reply").GetProperty("ok").GetBoolean());
        Assert.Equal(1, body.RootElement.GetProperty("reply").GetProperty("values").GetProperty("lock.unlock").GetDouble());

        DeviceCommand sent = Assert.Single(received);
        Assert.Equal(id, sent.Id);
        Assert.Equal("engineer", sent.Issuer);
        Assert.Equal("B-17", sent.Args["badge"].Text);
        Assert.True(CommandSigner.Verify(sent, _key));

        Assert.Equal("succeeded", await app.ScalarAsync<string>("SELECT status FROM commands WHERE id = @id", new { id }));
        Assert.NotNull(await app.ScalarAsync<string>("SELECT reply_json FROM commands WHERE id = @id", new { id }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'command.request' AND actor = 'engineer' AND details LIKE @like", new { like = $"%{id}%" }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'command.succeeded' AND actor = 'engineer' AND details LIKE @like", new { like = $"%{id}%" }));
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Unlock_NoReply_TimedOutStoredAndAudited()
    {
        await using CloudApp app = await StartAsync(TimeSpan.FromSeconds(1));
        List<DeviceCommand> received = [];
        using IMqttClient gateway = await FakeGatewayAsync(received, answer: false);
        using HttpClient supply = await app.ClientAsync(Roles.Supply);

        using HttpResponseMessage response = await supply.PostAsJsonAsync("api/devices/cab-1/commands/lockdown", new { args = new { on = 1 } });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        string id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("commandId").GetString()!;
        Assert.Single(received);
        Assert.Equal("timed_out", await app.ScalarAsync<string>("SELECT status FROM commands WHERE id = @id", new { id }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'command.timed_out' AND details LIKE @like", new { like = $"%{id}%" }));
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Unlock_Viewer_403AndNothingPublished()
    {
        await using CloudApp app = await StartAsync(TimeSpan.FromSeconds(2));
        List<DeviceCommand> received = [];
        using IMqttClient gateway = await FakeGatewayAsync(received, answer: true);
        using HttpClient viewer = await app.ClientAsync(Roles.Viewer);

        using HttpResponseMessage response = await viewer.PostAsJsonAsync("api/devices/cab-1/commands/unlock", new { args = new { badge = "B-1" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using HttpClient engineer = await app.ClientAsync(Roles.Engineer);
        using HttpResponseMessage ok = await engineer.PostAsJsonAsync("api/devices/cab-1/commands/unlock", new { args = new { badge = "B-2" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("B-2", Assert.Single(received).Args["badge"].Text); // only the engineer's command reached the gateway
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Command_BadArgsOrWrongClass_400BeforeAnythingIsSent()
    {
        await using CloudApp app = await StartAsync(TimeSpan.FromSeconds(2));
        await app.AddDeviceAsync("fridge-1", Site, Gateway, "cold-chain-fridge");
        using HttpClient engineer = await app.ClientAsync(Roles.Engineer);

        using HttpResponseMessage badArg = await engineer.PostAsJsonAsync("api/devices/cab-1/commands/light", new { args = new { bin = "three" } });
        Assert.Equal(HttpStatusCode.BadRequest, badArg.StatusCode);
        Assert.Contains("args.bin", await badArg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage wrongClass = await engineer.PostAsJsonAsync("api/devices/fridge-1/commands/unlock", new { });
        Assert.Equal(HttpStatusCode.BadRequest, wrongClass.StatusCode);
        using HttpResponseMessage unknown = await engineer.PostAsJsonAsync("api/devices/cab-1/commands/self-destruct", new { });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM commands"));
    }

    private async Task<CloudApp> StartAsync(TimeSpan replyTimeout)
    {
        string directory = Directory.CreateTempSubdirectory("hpms-cloud-app-").FullName;
        string keyFile = Path.Combine(directory, "gw-1.key");
        string passwordFile = Path.Combine(directory, "mqtt.password");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(_key));
        await File.WriteAllTextAsync(passwordFile, fixture.Broker.Passwords[MosquittoBroker.AdminUser]);
        CloudApp app = await CloudApp.StartAsync(
            new Dictionary<string, string>
            {
                ["Commands:Host"] = "127.0.0.1",
                ["Commands:Port"] = fixture.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Commands:Username"] = MosquittoBroker.AdminUser,
                ["Commands:PasswordFile"] = passwordFile,
                ["Commands:ReplyTimeout"] = replyTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                [$"Commands:Keys:{Gateway}:KeyFile"] = keyFile,
            },
            directory);
        await app.AddDeviceAsync("cab-1", Site, Gateway, "smart-supply-cabinet");
        using HttpClient client = app.Anonymous();
        await Poll.UntilAsync(async () => (await client.GetAsync("ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(20), () => "the app's command client never connected");
        return app;
    }

    private async Task<IMqttClient> FakeGatewayAsync(List<DeviceCommand> received, bool answer)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += async e =>
        {
            MqttApplicationMessage message = e.ApplicationMessage;
            PayloadParseResult<DeviceCommand> parsed = EnvelopeCodec.ParseCommand(message.Payload.ToArray());
            if (!parsed.IsOk)
            {
                return;
            }

            lock (received)
            {
                received.Add(parsed.Value);
            }

            if (!answer)
            {
                return;
            }

            bool valid = CommandSigner.Verify(parsed.Value, _key);
            CommandReply reply = valid
                ? new CommandReply(parsed.Value.Id, true, null, string.Empty, new Dictionary<string, double> { ["lock.unlock"] = 1 })
                : new CommandReply(parsed.Value.Id, false, CommandErrorCodes.Unauthorized, "bad signature", new Dictionary<string, double>());
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(message.ResponseTopic)
                .WithPayload(EnvelopeCodec.Encode(reply))
                .WithCorrelationData(message.CorrelationData)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", fixture.Broker.Port)
            .WithClientId("fake-" + Gateway + "-" + Guid.NewGuid().ToString("N")[..6])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCredentials(MosquittoBroker.AdminUser, fixture.Broker.Passwords[MosquittoBroker.AdminUser])
            .Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(TopicScheme.GatewayCommands(Site, Gateway), MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return client;
    }
}
