using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.MqttDevices;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.IntegrationTests.Mqtt;

/// <summary>A scenario's mqtt endpoint through hpms-sim's runner: per-device users and secrets from the environment, against a real mosquitto.</summary>
public sealed class SimulatorMqttEndpointTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [PeerFact(PeerTool.Mosquitto)]
    public async Task ScenarioMqttCabinets_ConnectAsThemselves_ReportAndAnswerCommands()
    {
        MosquittoBroker broker = fixture.Broker;
        foreach (string id in new[] { "cab-5", "cab-6" })
        {
            Environment.SetEnvironmentVariable($"HPMS_IT_SIM_PASSWORD_{id.Replace('-', '_').ToUpperInvariant()}", broker.Passwords[id]);
        }

        string json = $$"""
            {
              "name": "mqtt-cabinets", "site": "test", "seed": 3,
              "time": { "start": "2026-11-24T09:00:00+08:00", "speed": 1 },
              "endpoints": [{ "id": "broker", "kind": "mqtt", "host": "127.0.0.1", "port": {{broker.Port}},
                              "username": "{device}", "passwordEnv": "HPMS_IT_SIM_PASSWORD_{device}" }],
              "devices": [
                { "id": "cab-5", "class": "smart-supply-cabinet-mqtt", "endpoint": "broker", "settings": { "reportSeconds": 60 } },
                { "id": "cab-6", "class": "smart-supply-cabinet-mqtt", "endpoint": "broker", "settings": { "reportSeconds": 60 } },
                { "id": "cab-without-secret", "class": "smart-supply-cabinet-mqtt", "endpoint": "broker" }
              ]
            }
            """;
        Scenario scenario = ScenarioLoader.Load(json, "mqtt.json", new ScenarioLoadOptions());
        await using MqttObserver admin = await MqttObserver.ConnectAsync(broker.Port, MosquittoBroker.AdminUser, broker.Passwords[MosquittoBroker.AdminUser], "devices/#");
        await using SimulatorRunner runner = await SimulatorRunner.StartAsync(scenario, Hpms.Simulators.GroundTruth.NullGroundTruth.Instance, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Equal(2, runner.MqttLinks.Count); // the device without a secret stays offline
        await Poll.UntilAsync(() => runner.MqttLinks.All(l => l.IsConnected), Deadline, () => "links not connected");
        for (int minute = 1; minute <= 3; minute++)
        {
            runner.Step(scenario.Time.Start.AddMinutes(minute));
        }

        await Poll.UntilAsync(
            () => admin.Received(CabinetTopics.Report("cab-5")).Count >= 2 && admin.Received(CabinetTopics.Report("cab-6")).Count >= 2,
            Deadline, () => "reports missing");
        CabinetReport report = CabinetPayloadCodec.ParseReport(admin.Received(CabinetTopics.Report("cab-6"))[^1].Payload).Value!;
        Assert.Equal("cab-6", report.DeviceId);
        Assert.NotEmpty(report.Bins);

        byte[] command = CabinetPayloadCodec.Encode(new CabinetCommand("light-1", CabinetCommandNames.Light, null, Bins: [1, 2]));
        await admin.PublishAsync(CabinetTopics.Command("cab-5"), command);

        // The command reaches the device asynchronously; it is handled at the device's next step.
        DateTimeOffset simulated = scenario.Time.Start.AddMinutes(3);
        await Poll.UntilAsync(
            () =>
            {
                simulated = simulated.AddSeconds(10);
                runner.Step(simulated);
                return admin.Received(CabinetTopics.Reply("cab-5")).Count == 1;
            },
            Deadline,
            () => "no reply");
        Assert.True(CabinetPayloadCodec.ParseReply(admin.Received(CabinetTopics.Reply("cab-5"))[0].Payload).Value!.Ok);
        Assert.Empty(admin.Received(CabinetTopics.Report("cab-without-secret")));
    }
}
