using System.Buffers;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Transports.Mqtt;
using MQTTnet;
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

    public static Task<MqttObserver> ConnectAsync(int port, string user, string password, string? subscribe) =>
        ConnectAsync(Session(port, user, password, caFile: null), subscribe);

    /// <summary>Connects as <paramref name="user"/> with its password, over TLS trusting the broker's CA when it has one.</summary>
    public static Task<MqttObserver> ConnectAsync(MosquittoBroker broker, string user, string? subscribe) =>
        ConnectAsync(Session(broker.Port, user, broker.Passwords[user], broker.CaFile), subscribe);

    /// <summary>The product's connect options (<see cref="MqttSession"/>) for a clean session on 127.0.0.1.</summary>
    public static MqttSession Session(int port, string? user, string? password, string? caFile) =>
        new("127.0.0.1", port, (user ?? "anon") + "-" + Guid.NewGuid().ToString("N")[..8], user, password, caFile is not null, TimeSpan.FromSeconds(10), SessionExpiry: null, caFile ?? string.Empty);

    public static async Task<MqttObserver> ConnectAsync(MqttSession session, string? subscribe)
    {
        ArgumentNullException.ThrowIfNull(session);
        var observer = new MqttObserver();
        await observer._client.ConnectAsync(session.ToClientOptions());
        if (subscribe is not null)
        {
            await observer._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(subscribe, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        return observer;
    }

    /// <summary>Forgets what was received so far.</summary>
    public void Clear()
    {
        lock (_received)
        {
            _received.Clear();
        }
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
