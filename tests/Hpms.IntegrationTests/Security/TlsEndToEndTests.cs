using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Cloud;
using Hpms.IntegrationTests.Commands;
using Hpms.IntegrationTests.Edge;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;

namespace Hpms.IntegrationTests.Security;

/// <summary>
/// The real hpms-edge (its own process, gateway gw-a) and the real hpms-cloud against the production broker
/// profile, each over TLS trusting only the deployment's CA and logging in with its own credentials:
/// telemetry reaches the cloud, an engineer's unlock reaches the cabinet and is audited with who and when;
/// the same signed command captured off the wire and sent again is refused as a replay, and an expired one
/// as expired, both counted by the edge.
/// </summary>
public sealed class TlsEndToEndTests(ProductionBrokerFixture fixture) : IClassFixture<ProductionBrokerFixture>
{
    private const string Site = "city-general";
    private const string Gateway = "gw-a";
    private const string CloudPasswordEnv = "HPMS_IT_TLS_CLOUD_MQTT_PASSWORD";
    private const string EdgePasswordEnv = "HPMS_IT_TLS_EDGE_MQTT_PASSWORD";
    private const string KeyEnv = "HPMS_IT_TLS_COMMAND_KEY";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private static readonly byte[] s_key = [.. Enumerable.Range(7, 32).Select(i => (byte)i)];

    [PeerFact(PeerTool.Mosquitto)]
    public async Task EdgeAndCloud_OverTlsWithOwnCredentials_TelemetryCommandsAuditAndReplayRefused()
    {
        MosquittoBroker broker = fixture.Broker;
        string caFile = broker.CaFile!;
        string state = Directory.CreateTempSubdirectory("hpms-tls-e2e-").FullName;
        Environment.SetEnvironmentVariable(CloudPasswordEnv, broker.Passwords["hpms-cloud"]);
        Environment.SetEnvironmentVariable(KeyEnv, Convert.ToBase64String(s_key));
        string port = broker.Port.ToString(CultureInfo.InvariantCulture);
        await using SimulatorRunner sim = await EdgeCommandsTests.StartSimulatorAsync();
        await using CloudApp cloud = await CloudApp.StartAsync(new Dictionary<string, string>
        {
            ["Ingest:Enabled"] = "true",
            ["Ingest:Port"] = port,
            ["Ingest:Username"] = "hpms-cloud",
            ["Ingest:PasswordEnv"] = CloudPasswordEnv,
            ["Ingest:UseTls"] = "true",
            ["Ingest:CaFile"] = caFile,
            ["Ingest:ClientId"] = "cloud-tls",
            ["Commands:Host"] = "127.0.0.1",
            ["Commands:Port"] = port,
            ["Commands:Username"] = "hpms-cloud",
            ["Commands:PasswordEnv"] = CloudPasswordEnv,
            ["Commands:UseTls"] = "true",
            ["Commands:CaFile"] = caFile,
            [$"Commands:Keys:{Gateway}:KeyEnv"] = KeyEnv,
        });
        int metricsPort = LoopbackPort.Free();
        string config = await WriteEdgeConfigAsync(state, ((TcpEndpointHost)sim.Endpoints.Single()).Port, broker.Port, caFile, metricsPort);
        System.Diagnostics.Process edge = EdgeProcess.Start(config, new Dictionary<string, string>
        {
            [EdgePasswordEnv] = broker.Passwords[Gateway],
            [KeyEnv] = Convert.ToBase64String(s_key),
        });
        try
        {
            // Telemetry: edge → TLS → broker → TLS → cloud ingest registers the cabinet under gw-a.
            await Poll.UntilAsync(
                async () => await cloud.ScalarAsync<long>("SELECT COUNT(*) FROM devices WHERE id = 'cab-1' AND gateway_id = @g AND site_id = @s", new { g = Gateway, s = Site }) == 1,
                s_deadline,
                () => "the cloud never registered cab-1 from gw-a's telemetry over TLS");

            // An eavesdropper with a copy of every command for gw-a, and the cloud's view of the replies.
            await using MqttObserver wire = await MqttObserver.ConnectAsync(broker, Gateway, $"hpms/v1/{Site}/{Gateway}/+/cmd/+");
            await using MqttObserver replies = await MqttObserver.ConnectAsync(broker, "hpms-cloud", $"hpms/v1/{Site}/{Gateway}/+/cmd/+/reply/it-replay");

            await WaitUntilEdgeListensAsync(replies);
            long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using HttpClient engineer = await cloud.ClientAsync(Roles.Engineer);
            using HttpResponseMessage response = await engineer.PostAsJsonAsync("api/devices/cab-1/commands/unlock", new { args = new { badge = "B-1" } });
            using JsonDocument unlocked = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.OK, unlocked.RootElement.ToString());
            Assert.Equal("succeeded", unlocked.RootElement.GetProperty("status").GetString());
            string commandId = unlocked.RootElement.GetProperty("id").GetString()!;
            long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

            // Audited with who and when.
            using HttpClient admin = await cloud.ClientAsync(Roles.Admin);
            using JsonDocument audit = JsonDocument.Parse(await admin.GetStringAsync("api/audit?actor=engineer&limit=100"));
            List<JsonElement> rows = [.. audit.RootElement.EnumerateArray().Where(r => r.GetProperty("details").GetString()!.Contains(commandId, StringComparison.Ordinal))];
            Assert.Equal(["command.succeeded", "command.request"], rows.Select(r => r.GetProperty("action").GetString()));
            Assert.All(rows, r => Assert.Equal("device/cab-1", r.GetProperty("target").GetString()));
            Assert.All(rows, r => Assert.InRange(r.GetProperty("atMs").GetInt64(), before, after));

            // Replay: the exact signed bytes captured on the wire, sent again.
            await Poll.UntilAsync(() => wire.All().Count > 0, s_deadline, () => "the eavesdropper saw no command");
            (string topic, byte[] captured, _) = wire.All().Single(m => EnvelopeCodec.ParseCommand(m.Payload).Value?.Id == commandId);
            Assert.Equal(CommandErrorCodes.Replayed, await SendAsync(replies, topic, captured, "replay"));

            // Expired: correctly signed, lifetime over.
            DeviceCommand expired = EdgeCommandsTests.NewCommand("cmd-expired", "unlock", "cab-1", TimeSpan.FromMinutes(1)) with
            {
                IssuedUnixMs = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds(),
                ExpiresUnixMs = DateTimeOffset.UtcNow.AddMinutes(-9).ToUnixTimeMilliseconds(),
            };
            Assert.Equal(CommandErrorCodes.Expired, await SendAsync(replies, topic, EnvelopeCodec.Encode(EdgeCommandsTests.Signed(expired, s_key)), "expired"));

            // Counted by the edge.
            using var http = new HttpClient();
            string metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
            Assert.Contains("hpms_edge_commands_executed_total 1\n", metrics, StringComparison.Ordinal);
            Assert.Contains("hpms_edge_commands_replayed_total 1\n", metrics, StringComparison.Ordinal);
            Assert.Contains("hpms_edge_commands_refused_total{reason=\"expired\"} 1\n", metrics, StringComparison.Ordinal);
        }
        finally
        {
            await EdgeProcess.StopAsync(edge);
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>Sends a malformed command about once a second until the edge answers it: its command client is subscribed.</summary>
    private static async Task WaitUntilEdgeListensAsync(MqttObserver replies)
    {
        string topic = $"hpms/v1/{Site}/{Gateway}/cab-1/cmd/unlock";
        string replyTopic = topic + "/reply/it-replay";
        int ticks = 0;
        await Poll.UntilAsync(
            async () =>
            {
                if (replies.Received(replyTopic).Count > 0)
                {
                    return true;
                }

                if (ticks++ % 10 == 0)
                {
                    await replies.PublishAsync(topic, "{}"u8.ToArray(), replyTopic, "probe"u8.ToArray());
                }

                return false;
            },
            s_deadline,
            () => "the edge never answered a command (not subscribed over TLS?)");
        replies.Clear();
    }

    private static async Task<string?> SendAsync(MqttObserver replies, string topic, byte[] payload, string correlation)
    {
        string replyTopic = topic + "/reply/it-replay";
        int seen = replies.Received(replyTopic).Count;
        await replies.PublishAsync(topic, payload, replyTopic, Encoding.UTF8.GetBytes(correlation));
        await Poll.UntilAsync(() => replies.Received(replyTopic).Count > seen, s_deadline, () => $"no reply to the {correlation} command");
        return EnvelopeCodec.ParseReply(replies.Received(replyTopic)[seen].Payload).Value!.ErrorCode;
    }

    private static async Task<string> WriteEdgeConfigAsync(string state, int simPort, int brokerPort, string caFile, int metricsPort)
    {
        string path = Path.Combine(state, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site,
                Id = Gateway,
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                Devices = new[] { new { Id = "cab-1", Map = "smart-supply-cabinet", Transport = "ModbusTcp", Host = "127.0.0.1", Port = simPort, UnitId = 1, PollInterval = "00:00:00.5" } },
            },
            Uplink = new
            {
                StateDirectory = Path.Combine(state, "state"),
                Mqtt = new { Host = "127.0.0.1", Port = brokerPort, Username = Gateway, PasswordEnv = EdgePasswordEnv, UseTls = true, CaFile = caFile, Timeout = "00:00:05" },
            },
            Commands = new { Enabled = true, KeyEnv },
            Operations = new { MetricsUrl = $"http://127.0.0.1:{metricsPort}/" },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        return path;
    }
}
