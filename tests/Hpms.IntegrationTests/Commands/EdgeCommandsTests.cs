using System.Text;
using System.Text.Json;
using Hpms.Edge.Commands;
using Hpms.Edge.Configuration;
using Hpms.Edge.Hosting;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Commands;

/// <summary>
/// The cloud (mosquitto's admin user) sends commands to hpms-edge (in-process host: polling + commands)
/// which writes a simulated smart supply cabinet over Modbus TCP: a signed unlock runs and is answered
/// with the correlation data echoed; a replay, an expired command, a bad signature, an unknown device
/// and a malformed payload are refused, each with its reply and audit line.
/// </summary>
public sealed class EdgeCommandsTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private const string KeyEnv = "HPMS_IT_COMMAND_KEY";
    private const string PasswordEnv = "HPMS_IT_COMMAND_MQTT_PASSWORD";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private static readonly byte[] s_key = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    [PeerFact(PeerTool.Mosquitto)]
    public async Task CloudCommands_SignedUnlockRuns_ReplaysExpiredForgedUnknownAndMalformedRefused()
    {
        MosquittoBroker broker = fixture.Broker;
        string state = Directory.CreateTempSubdirectory("hpms-edge-cmd-").FullName;
        Environment.SetEnvironmentVariable(KeyEnv, Convert.ToBase64String(s_key));
        Environment.SetEnvironmentVariable(PasswordEnv, broker.Passwords[MosquittoBroker.AdminUser]);
        await using SimulatorRunner sim = await StartSimulatorAsync();
        int simPort = ((TcpEndpointHost)sim.Endpoints.Single()).Port;
        string config = await WriteConfigAsync(state, simPort, broker.Port);
        using IHost edge = BuildEdge(config);
        await edge.StartAsync();
        try
        {
            var commands = edge.Services.GetRequiredService<CommandService>();
            await Poll.UntilAsync(() => commands.IsSubscribed, s_deadline, () => "the command client did not subscribe");
            CommandHandler handler = await commands.Handler;
            await using MqttObserver cloud = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, broker.Passwords[MosquittoBroker.AdminUser], "cloud/replies/#");
            await using IModbusMaster probe = ModbusMasterFactory.Create(new DeviceOptions { Id = "probe", Transport = DeviceTransport.ModbusTcp, Host = "127.0.0.1", Port = simPort, Timeout = TimeSpan.FromSeconds(2) });
            Assert.True(await LockEngagedAsync(probe));

            // A signed unlock: ok, correlation data echoed, the coil written, the bolt withdrawn after a simulation step.
            DeviceCommand unlock = Signed(NewCommand("cmd-unlock", "unlock", "cab-1", TimeSpan.FromMinutes(1)), s_key);
            (CommandReply ok, byte[]? correlation) = await SendAsync(cloud, "cab-1", "unlock", EnvelopeCodec.Encode(unlock), "c-1");
            Assert.True(ok.Ok, ok.Message);
            Assert.Equal("cmd-unlock", ok.Id);
            Assert.Equal("c-1", Encoding.UTF8.GetString(correlation!));
            Assert.Equal(1, ok.Values["lock.unlock"]);
            await Poll.UntilAsync(
                async () =>
                {
                    sim.Step(sim.SimulatedNow.AddSeconds(1));
                    return !await LockEngagedAsync(probe) && await CoilAsync(probe, 0);
                },
                s_deadline,
                () => "the cabinet did not unlock");

            // The same message again: refused as a replay, nothing written.
            (CommandReply replayed, _) = await SendAsync(cloud, "cab-1", "unlock", EnvelopeCodec.Encode(unlock), "c-2");
            Assert.Equal(CommandErrorCodes.Replayed, replayed.ErrorCode);

            // Expired (issued 10 min ago, 1 min lifetime).
            DeviceCommand old = NewCommand("cmd-old", "unlock", "cab-1", TimeSpan.FromMinutes(1)) with
            {
                IssuedUnixMs = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds(),
                ExpiresUnixMs = DateTimeOffset.UtcNow.AddMinutes(-9).ToUnixTimeMilliseconds(),
            };
            (CommandReply expired, _) = await SendAsync(cloud, "cab-1", "unlock", EnvelopeCodec.Encode(Signed(old, s_key)), "c-3");
            Assert.Equal(CommandErrorCodes.Expired, expired.ErrorCode);

            // Signed with another key.
            byte[] otherKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(255 - i))];
            (CommandReply forged, _) = await SendAsync(cloud, "cab-1", "lockdown", EnvelopeCodec.Encode(Signed(NewCommand("cmd-forged", "lockdown", "cab-1", TimeSpan.FromMinutes(1)), otherKey)), "c-4");
            Assert.Equal(CommandErrorCodes.Unauthorized, forged.ErrorCode);
            Assert.False(await CoilAsync(probe, 1)); // no lockdown

            // A device this gateway does not have.
            (CommandReply unknown, _) = await SendAsync(cloud, "cab-9", "unlock", EnvelopeCodec.Encode(Signed(NewCommand("cmd-9", "unlock", "cab-9", TimeSpan.FromMinutes(1)), s_key)), "c-5");
            Assert.Equal(CommandErrorCodes.UnknownDevice, unknown.ErrorCode);

            // Malformed JSON: an error reply, counted.
            (CommandReply malformed, byte[]? malformedCorrelation) = await SendAsync(cloud, "cab-1", "unlock", "{\"v\":1,"u8.ToArray(), "c-6");
            Assert.Equal(CommandErrorCodes.BadRequest, malformed.ErrorCode);
            Assert.Equal("c-6", Encoding.UTF8.GetString(malformedCorrelation!));
            Assert.Equal(1, handler.Counters.Malformed);
            Assert.Equal(1, handler.Counters.Executed);
            Assert.Equal(0, handler.Counters.HandlerErrors);

            // The audit: accepted + executed for the unlock, one refusal per refused message, each with its reason.
            List<JsonElement> audit = AuditLines(Path.Combine(state, "state", "commands-audit.jsonl"));
            Assert.Equal(["accepted", "executed", "refused", "refused", "refused", "refused", "refused"], audit.Select(a => a.GetProperty("outcome").GetString()));
            Assert.Equal("alice@st-mary", audit[1].GetProperty("issuer").GetString());
            Assert.Equal(
                [CommandErrorCodes.Replayed, CommandErrorCodes.Expired, CommandErrorCodes.Unauthorized, CommandErrorCodes.UnknownDevice, CommandErrorCodes.BadRequest],
                audit.Skip(2).Select(a => a.GetProperty("error").GetString()));

            // Without a response topic the reply goes to the documented default topic.
            await using MqttObserver defaultReplies = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, broker.Passwords[MosquittoBroker.AdminUser], "hpms/v1/test/gw-cmd/cab-1/cmd/light/reply");
            DeviceCommand light = Signed(NewCommand("cmd-light", "light", "cab-1", TimeSpan.FromMinutes(1)) with { Args = new Dictionary<string, CommandArgument> { ["bin"] = CommandArgument.Of(1) } }, s_key);
            await cloud.PublishAsync("hpms/v1/test/gw-cmd/cab-1/cmd/light", EnvelopeCodec.Encode(light));
            await Poll.UntilAsync(() => defaultReplies.All().Count > 0, s_deadline, () => "no reply on the default topic");
            Assert.True(EnvelopeCodec.ParseReply(defaultReplies.All()[0].Payload).Value!.Ok);
            Assert.True(await CoilAsync(probe, 16)); // bin01.pick-light
        }
        finally
        {
            await edge.StopAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>A command to <paramref name="device"/> issued now by alice, its nonce derived from its id.</summary>
    internal static DeviceCommand NewCommand(string id, string name, string device, TimeSpan lifetime)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new DeviceCommand(id, name, device, new Dictionary<string, CommandArgument>(), now, now + (long)lifetime.TotalMilliseconds, "nonce-" + id, "alice@st-mary");
    }

    internal static DeviceCommand Signed(DeviceCommand command, byte[] key) => CommandSigner.WithSignature(command, key);

    private static async Task<(CommandReply Reply, byte[]? Correlation)> SendAsync(MqttObserver cloud, string device, string name, byte[] payload, string correlation)
    {
        string replyTopic = "cloud/replies/" + correlation;
        await cloud.PublishAsync($"hpms/v1/test/gw-cmd/{device}/cmd/{name}", payload, replyTopic, Encoding.UTF8.GetBytes(correlation));
        await Poll.UntilAsync(() => cloud.Received(replyTopic).Count > 0, s_deadline, () => $"no reply on {replyTopic}");
        (string _, byte[] body, byte[]? echoed) = cloud.Received(replyTopic)[0];
        return (EnvelopeCodec.ParseReply(body).Value!, echoed);
    }

    private static async Task<bool> LockEngagedAsync(IModbusMaster probe)
    {
        bool[] bits = new bool[1];
        await probe.ReadDiscreteInputsAsync(1, 1, bits, CancellationToken.None);
        return bits[0];
    }

    private static async Task<bool> CoilAsync(IModbusMaster probe, ushort address)
    {
        bool[] bits = new bool[1];
        await probe.ReadCoilsAsync(1, address, bits, CancellationToken.None);
        return bits[0];
    }

    private static List<JsonElement> AuditLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private static IHost BuildEdge(string config)
    {
        EdgeCommandLine commandLine = EdgeCommandLine.Parse(["--config", config]);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(commandLine.Remaining);
        builder.AddGatewayConfiguration(commandLine).AddModbusPolling().AddCloudCommands();
        builder.Services.AddOptions<UplinkOptions>().BindConfiguration(UplinkOptions.Section);
        return builder.Build();
    }

    /// <summary>The simulator serving one smart supply cabinet (cab-1, unit 1) on a Modbus TCP endpoint.</summary>
    internal static async Task<SimulatorRunner> StartSimulatorAsync()
    {
        string json = """
            {
              "name": "commands", "site": "test", "seed": 7,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 60 },
              "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
              "devices": [
                { "id": "cab-1", "class": "smart-supply-cabinet", "endpoint": "tcp",
                  "settings": { "bins": [ { "itemCode": 100001, "par": 40, "reorderPoint": 10, "onHand": 30, "dailyUse": 0 } ] } }
              ]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(json, "commands.json", new ScenarioLoadOptions { MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") });
        SimulatorRunner runner = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);
        runner.Step(scenario.Time.Start.AddSeconds(10));
        return runner;
    }

    private static async Task<string> WriteConfigAsync(string state, int simPort, int brokerPort)
    {
        string path = Path.Combine(state, "site.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Gateway = new
            {
                Site = "test",
                Id = "gw-cmd",
                MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices"),
                Devices = new[] { new { Id = "cab-1", Map = "smart-supply-cabinet", Transport = "ModbusTcp", Host = "127.0.0.1", Port = simPort, UnitId = 1, PollInterval = "00:00:00.2" } },
            },
            Uplink = new
            {
                StateDirectory = Path.Combine(state, "state"),
                Mqtt = new { Host = "127.0.0.1", Port = brokerPort, Username = MosquittoBroker.AdminUser, PasswordEnv, Timeout = "00:00:02" },
            },
            Commands = new { Enabled = true, KeyEnv },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        return path;
    }
}
