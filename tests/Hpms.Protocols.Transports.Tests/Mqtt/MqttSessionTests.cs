using Hpms.Protocols.Transports.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;

namespace Hpms.Protocols.Transports.Tests.Mqtt;

public sealed class MqttSessionTests
{
    [Fact]
    public void ToClientOptions_WithSessionExpiry_PersistentMqtt5Session()
    {
        MqttClientOptions options = new MqttSession("127.0.0.1", 1883, "gw-a", "gw-a", "secret", false, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)).ToClientOptions();

        Assert.Equal(MqttProtocolVersion.V500, options.ProtocolVersion);
        Assert.False(options.CleanSession);
        Assert.Equal(3600u, options.SessionExpiryInterval);
        Assert.Equal("gw-a", options.ClientId);
        Assert.Equal("gw-a", options.Credentials.GetUserName(options));
        Assert.Equal("secret"u8.ToArray(), options.Credentials.GetPassword(options));
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
    }

    [Fact]
    public void ToClientOptions_WithoutSessionExpiry_CleanSession()
    {
        MqttClientOptions options = new MqttSession("127.0.0.1", 1883, "cloud-cmd", null, "secret", false, TimeSpan.FromSeconds(5), null).ToClientOptions();

        Assert.True(options.CleanSession);
        Assert.Equal(0u, options.SessionExpiryInterval);
        Assert.Equal("cloud-cmd", options.Credentials.GetUserName(options)); // a password alone goes with the client id
    }

    [Fact]
    public void ToClientOptions_NoUserNoPassword_NoCredentials()
    {
        MqttClientOptions options = new MqttSession("127.0.0.1", 1883, "dev", null, null, false, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)).ToClientOptions();

        Assert.Null(options.Credentials);
    }

    [Fact]
    public void ToClientOptions_ReceiveMaximum_SentOnlyWhenSet()
    {
        var session = new MqttSession("127.0.0.1", 1883, "cloud", null, null, false, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));

        Assert.Equal(0, session.ToClientOptions().ReceiveMaximum);
        Assert.Equal(ushort.MaxValue, (session with { ReceiveMaximum = ushort.MaxValue }).ToClientOptions().ReceiveMaximum);
    }

    [Fact]
    public void ToClientOptions_AsksForLargeSocketBuffers_NotMqttNetsEightKiB()
    {
        MqttClientOptions options = new MqttSession("127.0.0.1", 1883, "cloud", null, null, false, TimeSpan.FromSeconds(5), null).ToClientOptions();

        MqttClientTcpOptions tcp = Assert.IsType<MqttClientTcpOptions>(options.ChannelOptions);
        Assert.Equal(MqttSession.SocketBufferBytes, tcp.BufferSize);
        Assert.True(MqttSession.SocketBufferBytes >= 256 * 1024, "a buffer under one loopback segment (64 KiB) stalls a subscriber that fell behind");
    }

    [Fact]
    public void WithSocketBuffers_AppliesToOptionsBuiltElsewhere()
    {
        MqttClientOptions built = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", 8883).Build();
        Assert.NotEqual(MqttSession.SocketBufferBytes, ((MqttClientTcpOptions)built.ChannelOptions).BufferSize);

        Assert.Equal(MqttSession.SocketBufferBytes, ((MqttClientTcpOptions)MqttSession.WithSocketBuffers(built).ChannelOptions).BufferSize);
    }

    [Fact]
    public void ToString_NeverShowsThePassword()
    {
        Assert.DoesNotContain("secret", new MqttSession("broker", 8883, "gw-a", "gw-a", "secret", true, TimeSpan.FromSeconds(5), null).ToString(), StringComparison.Ordinal);
    }
}
