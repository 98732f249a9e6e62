using System.Buffers;
using System.Text;
using Hpms.Protocols.AzureIotHub;
using Hpms.Protocols.Transports.Mqtt;
using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Hpms.Edge.Uplink.IotHub;

/// <summary>
/// Publishes buffered telemetry and events to Azure IoT Hub over MQTT as the hub documents it
/// ("Communicate with an IoT hub using the MQTT protocol"): MQTT 3.1.1, client id = device id, user name
/// <c>{host}/{device}/?api-version=2021-04-12</c>, password = a SAS token renewed before it lapses, TLS on
/// 8883, persistent session, QoS 1 (a batch counts as delivered only when every message was acknowledged).
/// It also subscribes to cloud-to-device messages and direct methods: both are logged and counted;
/// direct methods are answered 501 (not implemented) on the documented response topic.
/// </summary>
public sealed partial class IotHubUplink : IBatchSender, IDisposable
{
    /// <summary>Status a direct method is answered with until commands are carried over the hub.</summary>
    public const int NotImplementedStatus = 501;

    private static readonly byte[] s_notImplementedBody = Encoding.UTF8.GetBytes("{\"error\":\"not-implemented\",\"reason\":\"hpms-edge does not carry direct methods yet\"}");

    private readonly IotHubUplinkOptions _options;
    private readonly IotHubSasCredentials _credentials;
    private readonly ILogger _logger;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _cloudToDevicePrefix;
    private long _published;
    private long _corruptRecords;
    private long _cloudToDevice;
    private long _directMethods;
    private long _badInbound;

    /// <summary>Creates the uplink (connects on the first send).</summary>
    /// <param name="options">Validated options (the key is read from <see cref="IotHubUplinkOptions.KeyEnv"/> now).</param>
    /// <param name="time">Clock of the SAS tokens.</param>
    /// <param name="logger">Log.</param>
    public IotHubUplink(IotHubUplinkOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        string key = Environment.GetEnvironmentVariable(options.KeyEnv) ?? string.Empty;
        _credentials = new IotHubSasCredentials(options.Host, options.DeviceId, key, options.TokenLifetime, time);
        _logger = logger;
        _cloudToDevicePrefix = "devices/" + options.DeviceId + "/messages/devicebound/";
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <inheritdoc/>
    public string Name => "iothub";

    /// <summary>Gets whether the client is connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Gets messages the hub acknowledged.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Gets buffered records that could not be read as topic + payload (skipped, counted).</summary>
    public long CorruptRecords => Interlocked.Read(ref _corruptRecords);

    /// <summary>Gets cloud-to-device messages received (logged, not acted on yet).</summary>
    public long CloudToDeviceMessages => Interlocked.Read(ref _cloudToDevice);

    /// <summary>Gets direct-method calls received (answered 501).</summary>
    public long DirectMethodCalls => Interlocked.Read(ref _directMethods);

    /// <summary>Gets inbound messages on topics the uplink cannot read (counted, ignored).</summary>
    public long UnreadableInbound => Interlocked.Read(ref _badInbound);

    /// <summary>Gets the SAS credentials (tokens issued, expiry).</summary>
    public IotHubSasCredentials Credentials => _credentials;

    /// <inheritdoc/>
    public async Task<SendOutcome> SendAsync(DurableQueueBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false))
        {
            return SendOutcome.RetryLater;
        }

        BatchPublishResult result = await MqttBatchPublisher.PublishAsync(
            _client,
            batch,
            (topic, payload) => new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            _options.Timeout,
            cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _corruptRecords, result.Corrupt);
        Interlocked.Add(ref _published, result.Published);
        if (result.Refused is { } refused)
        {
            LogRefused(_logger, (int)refused.ReasonCode, refused.ReasonString ?? string.Empty);
        }

        return result.Outcome;
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task<bool> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected && !_credentials.NeedsRenewal)
        {
            return true;
        }

        try
        {
            if (_client.IsConnected)
            {
                // The hub drops a connection when its token lapses: reconnect with a fresh one first.
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken).ConfigureAwait(false);
            }

            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_options.Host, _options.Port)
                .WithClientId(IotHubMqttTopics.ClientId(_options.DeviceId))
                .WithCredentials(_credentials.Username, _credentials.Current)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithCleanSession(false)
                .WithTimeout(_options.Timeout);
            if (_options.UseTls)
            {
                builder = builder.WithTlsOptions(tls => tls.UseTls());
            }

            MqttClientConnectResult result = await _client.ConnectAsync(MqttSession.WithSocketBuffers(builder.Build()), cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                LogConnectRefused(_logger, _options.Host, _options.Port, result.ResultCode.ToString());
                return false;
            }

            MqttClientSubscribeOptions subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(IotHubMqttTopics.CloudToDeviceFilter(_options.DeviceId)).WithAtLeastOnceQoS())
                .WithTopicFilter(f => f.WithTopic(IotHubMqttTopics.DirectMethodsFilter).WithAtMostOnceQoS())
                .Build();
            await _client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
            LogConnected(_logger, _options.Host, _options.Port, _options.DeviceId, _credentials.ExpiresAt);
            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            return false; // the pump logs the outage once and backs off
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        string topic = e.ApplicationMessage.Topic;
        try
        {
            if (topic.StartsWith(_cloudToDevicePrefix, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _cloudToDevice);
                LogCloudToDevice(_logger, topic, e.ApplicationMessage.Payload.Length);
            }
            else if (IotHubMqttTopics.TryParseDirectMethod(topic, out IotHubDirectMethod? call))
            {
                Interlocked.Increment(ref _directMethods);
                LogDirectMethod(_logger, call.MethodName, call.RequestId);

                // QoS 0: publishing QoS 1 from inside the receive handler would wait on the loop that runs it.
                MqttApplicationMessage reply = new MqttApplicationMessageBuilder()
                    .WithTopic(IotHubMqttTopics.DirectMethodResponse(NotImplementedStatus, call.RequestId))
                    .WithPayload(s_notImplementedBody)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                    .Build();
                await _client.PublishAsync(reply, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                Interlocked.Increment(ref _badInbound);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Catch-all of the inbound handler: a cloud message must never stop the uplink.
            Interlocked.Increment(ref _badInbound);
            LogInboundFailed(_logger, topic, ex);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "IoT Hub uplink connected to {Host}:{Port} as {DeviceId} (token valid until {ExpiresAt:o})")]
    private static partial void LogConnected(ILogger logger, string host, int port, string deviceId, DateTimeOffset expiresAt);

    [LoggerMessage(2, LogLevel.Error, "IoT Hub uplink: {Host}:{Port} refused the connection: {Reason} (check the device id, key and clock)")]
    private static partial void LogConnectRefused(ILogger logger, string host, int port, string reason);

    [LoggerMessage(3, LogLevel.Warning, "IoT Hub uplink: the hub refused a message (reason {Reason}: {Detail}); the batch will be retried")]
    private static partial void LogRefused(ILogger logger, int reason, string detail);

    [LoggerMessage(4, LogLevel.Information, "IoT Hub uplink: cloud-to-device message on {Topic} ({Bytes} bytes) received; not acted on yet")]
    private static partial void LogCloudToDevice(ILogger logger, string topic, long bytes);

    [LoggerMessage(5, LogLevel.Information, "IoT Hub uplink: direct method {Method} (request {RequestId}) answered 501, not implemented")]
    private static partial void LogDirectMethod(ILogger logger, string method, string requestId);

    [LoggerMessage(6, LogLevel.Error, "IoT Hub uplink: handling an inbound message on {Topic} failed; skipped")]
    private static partial void LogInboundFailed(ILogger logger, string topic, Exception exception);
}
