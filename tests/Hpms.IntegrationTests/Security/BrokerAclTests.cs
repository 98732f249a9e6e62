using System.Text;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.IntegrationTests.Mqtt;
using Hpms.Protocols.Transports.Mqtt;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Hpms.IntegrationTests.Security;

/// <summary>
/// The production broker profile (deploy/mosquitto/production.conf, acl, make-certs.sh) on a real mosquitto:
/// who may connect, and that a gateway or a cabinet can neither publish as another nor read another's
/// commands. Every "never arrives" is proven against a positive control sent after it on the same
/// connection to the same subscriber: once the control has arrived, the refused message would have too.
/// mosquitto 2.0 grants a subscription outside the read ACL (SUBACK 0x01) and filters each message at delivery,
/// so the proofs are on delivery, not on the SUBACK.
/// </summary>
public sealed class BrokerAclTests(ProductionBrokerFixture fixture) : IClassFixture<ProductionBrokerFixture>
{
    private const string Site = "city-general";
    private const string Cloud = "hpms-cloud";
    private const string GatewayA = "gw-a";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);

    /// <summary>The CONNACK reasons a refused login may carry (MQTT 5, 3.2.2.2).</summary>
    private static readonly string[] s_refused = [nameof(MqttClientConnectResultCode.NotAuthorized), nameof(MqttClientConnectResultCode.BadUserNameOrPassword)];

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Connect_OwnCredentialsOverTlsWithTheCa_Accepted()
    {
        MosquittoBroker broker = fixture.Broker;
        Assert.Equal("Success", await TryConnectAsync(MqttObserver.Session(broker.Port, GatewayA, broker.Passwords[GatewayA], broker.CaFile)));
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Connect_Anonymous_Refused()
    {
        MosquittoBroker broker = fixture.Broker;
        string outcome = await TryConnectAsync(MqttObserver.Session(broker.Port, null, null, broker.CaFile));
        Assert.Contains(outcome, s_refused);
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Connect_WrongPasswordOrAnotherDevicesPassword_Refused()
    {
        MosquittoBroker broker = fixture.Broker;
        Assert.Contains(await TryConnectAsync(MqttObserver.Session(broker.Port, GatewayA, "not-the-password", broker.CaFile)), s_refused);
        Assert.Contains(await TryConnectAsync(MqttObserver.Session(broker.Port, "mcab-a-02", broker.Passwords["mcab-a-01"], broker.CaFile)), s_refused);
        Assert.Contains(await TryConnectAsync(MqttObserver.Session(broker.Port, "intruder", broker.Passwords[GatewayA], broker.CaFile)), s_refused);
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Connect_PlainTcpToTheTlsListener_Refused()
    {
        MosquittoBroker broker = fixture.Broker;
        MqttSession plain = MqttObserver.Session(broker.Port, GatewayA, broker.Passwords[GatewayA], caFile: null);
        Assert.False(plain.UseTls);

        string outcome = await TryConnectAsync(plain);

        Assert.StartsWith("failed:", outcome, StringComparison.Ordinal);
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Connect_TlsWithoutTrustingTheCa_ClientRefusesTheBroker()
    {
        MosquittoBroker broker = fixture.Broker;
        MqttSession systemTrust = MqttObserver.Session(broker.Port, GatewayA, broker.Passwords[GatewayA], broker.CaFile) with { CaFile = string.Empty };

        string outcome = await TryConnectAsync(systemTrust);

        Assert.StartsWith("failed:", outcome, StringComparison.Ordinal);
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Publish_GatewayAUnderGatewayBsPrefixOrAnotherSite_NeverReachesTheCloud()
    {
        MosquittoBroker broker = fixture.Broker;
        await using MqttObserver cloud = await MqttObserver.ConnectAsync(broker, Cloud, "hpms/v1/+/+/+/telemetry");
        await cloud.Client.SubscribeAsync($"hpms/v1/+/+/+/event", MqttQualityOfServiceLevel.AtLeastOnce);
        await using MqttObserver gatewayA = await MqttObserver.ConnectAsync(broker, GatewayA, subscribe: null);
        string own = $"hpms/v1/{Site}/{GatewayA}/fridge-1/telemetry";
        string[] forged =
        [
            $"hpms/v1/{Site}/{ProductionBrokerFixture.GatewayB}/fridge-9/telemetry",
            $"hpms/v1/{Site}/{ProductionBrokerFixture.GatewayB}/fridge-9/event",
            $"hpms/v1/other-site/{GatewayA}/fridge-1/telemetry",
        ];

        foreach (string topic in forged)
        {
            await gatewayA.PublishAsync(topic, "{\"forged\":true}"u8.ToArray());
        }

        await gatewayA.PublishAsync(own, "{\"own\":true}"u8.ToArray());

        await Poll.UntilAsync(() => cloud.Received(own).Count == 1, s_deadline, () => "the positive control (gw-a's own telemetry) did not reach the cloud");
        Assert.Equal([own], cloud.All().Select(m => m.Topic));
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Subscribe_GatewayAToGatewayBsCommands_ReceivesNothingOfB()
    {
        MosquittoBroker broker = fixture.Broker;
        const string GatewayB = ProductionBrokerFixture.GatewayB;
        await using MqttObserver gatewayA = await MqttObserver.ConnectAsync(broker, GatewayA, $"hpms/v1/{Site}/{GatewayA}/+/cmd/+");
        await gatewayA.Client.SubscribeAsync($"hpms/v1/{Site}/{GatewayB}/+/cmd/+", MqttQualityOfServiceLevel.AtLeastOnce);
        await gatewayA.Client.SubscribeAsync("hpms/v1/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await gatewayA.Client.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);
        await using MqttObserver gatewayB = await MqttObserver.ConnectAsync(broker, GatewayB, $"hpms/v1/{Site}/{GatewayB}/+/cmd/+");
        await using MqttObserver cloud = await MqttObserver.ConnectAsync(broker, Cloud, subscribe: null);
        string forB = $"hpms/v1/{Site}/{GatewayB}/cab-9/cmd/unlock";
        string forA = $"hpms/v1/{Site}/{GatewayA}/cab-1/cmd/unlock";

        await cloud.PublishAsync(forB, "{\"for\":\"b\"}"u8.ToArray());
        await cloud.PublishAsync(forA, "{\"for\":\"a\"}"u8.ToArray());

        await Poll.UntilAsync(() => gatewayB.Received(forB).Count == 1, s_deadline, () => "gw-b did not get its own command (positive control)");
        await Poll.UntilAsync(() => gatewayA.Received(forA).Count >= 1, s_deadline, () => "gw-a did not get its own command (positive control)");
        Assert.DoesNotContain(gatewayA.All(), m => m.Topic.Contains($"/{GatewayB}/", StringComparison.Ordinal));
        Assert.DoesNotContain(gatewayB.All(), m => m.Topic != forB);
    }

    [PeerFact(PeerTool.Mosquitto)]
    public async Task Cabinet_AnotherCabinetsCommandsAndReports_NeitherReadNorForged()
    {
        MosquittoBroker broker = fixture.Broker;
        await using MqttObserver cabinet1 = await MqttObserver.ConnectAsync(broker, "mcab-a-01", "devices/mcab-a-01/cmd");
        await cabinet1.Client.SubscribeAsync("devices/mcab-a-02/cmd", MqttQualityOfServiceLevel.AtLeastOnce);
        await cabinet1.Client.SubscribeAsync("devices/+/cmd", MqttQualityOfServiceLevel.AtLeastOnce);
        await using MqttObserver cabinet2 = await MqttObserver.ConnectAsync(broker, "mcab-a-02", "devices/mcab-a-02/cmd");
        await using MqttObserver gatewayA = await MqttObserver.ConnectAsync(broker, GatewayA, "devices/mcab-a-02/report");
        await gatewayA.Client.SubscribeAsync("devices/mcab-a-01/report", MqttQualityOfServiceLevel.AtLeastOnce);

        // The gateway commands cabinet 2, then cabinet 1: cabinet 1 sees only its own.
        await gatewayA.PublishAsync("devices/mcab-a-02/cmd", "{\"for\":2}"u8.ToArray());
        await gatewayA.PublishAsync("devices/mcab-a-01/cmd", "{\"for\":1}"u8.ToArray());
        await Poll.UntilAsync(() => cabinet2.Received("devices/mcab-a-02/cmd").Count == 1, s_deadline, () => "cabinet 2 did not get its own command (positive control)");
        await Poll.UntilAsync(() => cabinet1.Received("devices/mcab-a-01/cmd").Count >= 1, s_deadline, () => "cabinet 1 did not get its own command (positive control)");
        Assert.DoesNotContain(cabinet1.All(), m => m.Topic.Contains("mcab-a-02", StringComparison.Ordinal));

        // Cabinet 1 reports as cabinet 2, then as itself: the gateway gets only the genuine report.
        await cabinet1.PublishAsync("devices/mcab-a-02/report", "{\"forged\":true}"u8.ToArray());
        await cabinet1.PublishAsync("devices/mcab-a-01/report", "{\"own\":true}"u8.ToArray());
        await Poll.UntilAsync(() => gatewayA.Received("devices/mcab-a-01/report").Count == 1, s_deadline, () => "cabinet 1's own report did not arrive (positive control)");
        Assert.Empty(gatewayA.Received("devices/mcab-a-02/report"));
        Assert.Equal("{\"own\":true}", Encoding.UTF8.GetString(gatewayA.All().Single().Payload));
    }

    /// <summary>Connects once: "Success", the broker's CONNACK reason, or "failed: …" when the TCP, TLS or MQTT handshake fails.</summary>
    private static async Task<string> TryConnectAsync(MqttSession session)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(session.ToClientOptions());
            return result.ResultCode.ToString();
        }
        catch (MqttCommunicationException ex)
        {
            return "failed: " + ex.GetBaseException().Message;
        }
    }
}
