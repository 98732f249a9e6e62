using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Hpms.IntegrationTests.Mqtt;

/// <summary>An independent MQTTnet client (the edge's role) recording what it receives.</summary>
public sealed class MqttObserver : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<(string Topic, byte[] Payload, byte[]? Correlation)> _received = [];

    private MqttObserver()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_received)
            {
                _received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.CorrelationData));
            }

            return Task.CompletedTask;
        };
    }

    public IMqttClient Client => _client;

    public static async Task<MqttObserver> ConnectAsync(int port, string user, string password, string? subscribe)
    {
        var observer = new MqttObserver();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(user + "-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(user, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build();
        await observer._client.ConnectAsync(options);
        if (subscribe is not null)
        {
            await observer._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(subscribe, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        return observer;
    }

    public List<(string Topic, byte[] Payload, byte[]? Correlation)> All()
    {
        lock (_received)
        {
            return [.. _received];
        }
    }

    public List<(string Topic, byte[] Payload, byte[]? Correlation)> Received(string topic)
    {
        lock (_received)
        {
            return [.. _received.Where(m => m.Topic == topic)];
        }
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, string? responseTopic = null, byte[]? correlation = null)
    {
        MqttApplicationMessageBuilder builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (responseTopic is not null)
        {
            builder = builder.WithResponseTopic(responseTopic);
        }

        if (correlation is not null)
        {
            builder = builder.WithCorrelationData(correlation);
        }

        return _client.PublishAsync(builder.Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker is already gone.
            }
        }

        _client.Dispose();
    }
}
