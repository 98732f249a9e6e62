using System.Buffers;
using System.Collections.Concurrent;
using Hpms.Edge.Commands;
using Hpms.Edge.Configuration;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Edge.Uplink;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Hpms.Protocols.Transports.Mqtt;

namespace Hpms.Edge.MqttDevices;

/// <summary>
/// Subscribes to the MQTT-native devices on the building broker (MQTT 5, persistent session, QoS 1
/// subscriptions so events queued while the gateway was away are delivered) and writes their
/// normalised reports into the <see cref="ReadingChannel"/>, beside the Modbus pollers' readings; their
/// events go to the <see cref="IEventPublisher"/> (the uplink buffers) before the message is acknowledged.
/// Commands for the cabinets (<see cref="ICabinetCommands"/>) are published at QoS 1 on each cabinet's
/// command topic and answered on its reply topic, matched by command id.
/// Reconnects with a doubling delay; no payload can stop it.
/// </summary>
public sealed partial class MqttDeviceService : BackgroundService, ICabinetCommands
{
    private static readonly TimeSpan s_maxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly MqttDevicesOptions _options;
    private readonly ReadingChannel _readings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _clientId;
    private readonly string _username;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly IEventPublisher? _events;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CabinetCommandReply>> _pending = new(StringComparer.Ordinal);
    private long _handlerFailures;
    private long _unmatchedReplies;
    private CancellationToken _stopping;

    /// <summary>Creates the service for the gateway's devices with <c>Transport: Mqtt</c>.</summary>
    /// <param name="options">The building broker.</param>
    /// <param name="gateway">The gateway (site, id, devices).</param>
    /// <param name="readings">Where readings go.</param>
    /// <param name="time">Clock of the readings' timestamps and the reconnect delays.</param>
    /// <param name="loggers">Log.</param>
    /// <param name="events">Where the cabinets' events go (none: they are only counted).</param>
    public MqttDeviceService(
        IOptions<MqttDevicesOptions> options, IOptions<GatewayOptions> gateway, ReadingChannel readings, TimeProvider time, ILoggerFactory loggers, IEventPublisher? events = null)
    {
        _events = events;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options.Value;
        _readings = readings;
        _time = time;
        _logger = loggers.CreateLogger<MqttDeviceService>();
        GatewayOptions g = gateway.Value;
        _clientId = string.IsNullOrEmpty(_options.ClientId) ? g.Id + "-devices" : _options.ClientId;
        _username = string.IsNullOrEmpty(_options.Username) ? g.Id : _options.Username;
        Ingest = new MqttDeviceIngest(
            g.Devices.Where(d => d.Transport == DeviceTransport.Mqtt)
                .Select(d => new DeviceTags(g.Site, d.Building, d.Zone, g.Id, CabinetReportNormalizer.DeviceClass, d.Id)),
            loggers.CreateLogger<MqttDeviceIngest>());
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Gets the ingest (per-device counters, unknown devices).</summary>
    public MqttDeviceIngest Ingest { get; }

    /// <summary>Gets whether the building broker is connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Gets messages whose handling failed unexpectedly (logged, counted, skipped).</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Gets command replies that matched no waiting command (late, after the timeout, or bad).</summary>
    public long UnmatchedReplies => Interlocked.Read(ref _unmatchedReplies);

    /// <inheritdoc/>
    public bool HasCabinet(string deviceId) => Ingest.Has(deviceId);

    /// <inheritdoc/>
    public async Task<CabinetCommandReply> SendAsync(string deviceId, CabinetCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_client.IsConnected)
        {
            return new CabinetCommandReply(command.Id, false, CabinetCommandPlanner.Unreachable, $"the building broker {_options.Host}:{_options.Port} is not connected");
        }

        string key = PendingKey(deviceId, command.Id);
        var reply = new TaskCompletionSource<CabinetCommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, reply))
        {
            return new CabinetCommandReply(command.Id, false, CabinetCommandErrors.Duplicate, "a command with this id is already waiting for the cabinet");
        }

        try
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(CabinetTopics.Command(deviceId))
                .WithPayload(CabinetPayloadCodec.Encode(command))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .Build();
            await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or System.Net.Sockets.SocketException)
        {
            return new CabinetCommandReply(command.Id, false, CabinetCommandPlanner.Unreachable, ex.Message);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        if (Ingest.Subscriptions.Count == 0)
        {
            return; // no MQTT-native devices configured
        }

        await MqttReconnectLoop.RunAsync(
            _client, ConnectAsync, () => LogLost(_logger, _options.Host, _options.Port), _options.ReconnectDelay, s_maxReconnectDelay, _time, stoppingToken).ConfigureAwait(false);
        await MqttReconnectLoop.DisconnectQuietlyAsync(_client, _options.Timeout).ConfigureAwait(false);
    }

    private async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        string? password = string.IsNullOrEmpty(_options.PasswordEnv) ? null : Environment.GetEnvironmentVariable(_options.PasswordEnv);
        var session = new MqttSession(_options.Host, _options.Port, _clientId, password is null ? null : _username, password, _options.UseTls, _options.Timeout, _options.SessionExpiry, _options.CaFile);
        try
        {
            MqttClientConnectResult connected = await _client.ConnectAsync(session.ToClientOptions(), cancellationToken).ConfigureAwait(false);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                LogConnectRefused(_logger, _options.Host, _options.Port, connected.ResultCode.ToString());
                return false;
            }

            // Subscribed on every connect: cheap, and right even when the broker lost the session.
            MqttClientSubscribeOptionsBuilder subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder();
            foreach (string topic in Ingest.Subscriptions.Concat(Ingest.DeviceIds.Select(CabinetTopics.Reply)))
            {
                subscribe = subscribe.WithTopicFilter(f => f.WithTopic(topic).WithAtLeastOnceQoS());
            }

            MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
            foreach (MqttClientSubscribeResultItem item in subscribed.Items.Where(i => (int)i.ResultCode > 2))
            {
                LogSubscribeRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
            }

            LogConnected(_logger, _options.Host, _options.Port, Ingest.Subscriptions.Count / 2, connected.IsSessionPresent);
            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogConnectFailed(_logger, _options.Host, _options.Port, ex.Message);
            return false;
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            ReadOnlySequence<byte> body = e.ApplicationMessage.Payload;
            ReadOnlyMemory<byte> payload = body.IsSingleSegment ? body.First : body.ToArray();
            string topic = e.ApplicationMessage.Topic;
            if (topic.EndsWith(ReplySuffix, StringComparison.Ordinal))
            {
                Reply(topic, payload);
                return;
            }

            long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            switch (Ingest.Handle(topic, payload, now, out DeviceReading? reading, out DeviceEvent? deviceEvent))
            {
                case IngestOutcome.Reading when reading is not null:
                    // Waits when the pipeline is behind; the QoS 1 ack follows this handler.
                    await _readings.Writer.WriteAsync(reading, _stopping).ConfigureAwait(false);
                    break;
                case IngestOutcome.Event when deviceEvent is not null:
                    // Into the durable buffers before the handler returns, so the QoS 1 ack follows a safe copy.
                    _events?.Publish(deviceEvent);
                    break;
                default:
                    break;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down with the pipeline full: the report is not acknowledged past this point anyway (QoS 0).
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Catch-all of the message handler: one message must never stop the device subscription.
            Interlocked.Increment(ref _handlerFailures);
            LogHandlerFailed(_logger, e.ApplicationMessage.Topic, ex);
        }
    }

    private const string ReplySuffix = "/cmd/reply";

    private static string PendingKey(string deviceId, string commandId) => deviceId + "\u001f" + commandId;

    private void Reply(string topic, ReadOnlyMemory<byte> payload)
    {
        string deviceId = topic[(CabinetTopics.Root.Length + 1)..^ReplySuffix.Length];
        PayloadParseResult<CabinetCommandReply> reply = CabinetPayloadCodec.ParseReply(payload);
        if (!reply.IsOk || !_pending.TryGetValue(PendingKey(deviceId, reply.Value.Id), out TaskCompletionSource<CabinetCommandReply>? waiting))
        {
            Interlocked.Increment(ref _unmatchedReplies);
            LogUnmatchedReply(_logger, deviceId, reply.IsOk ? reply.Value.Id : reply.Error);
            return;
        }

        waiting.TrySetResult(reply.Value);
    }

    [LoggerMessage(7, LogLevel.Warning, "MQTT devices: a command reply from {DeviceId} matched no waiting command ({Detail}); ignored")]
    private static partial void LogUnmatchedReply(ILogger logger, string deviceId, string detail);

    [LoggerMessage(1, LogLevel.Information, "MQTT devices: connected to the building broker {Host}:{Port}, {Devices} device(s) subscribed (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string host, int port, int devices, bool sessionPresent);

    [LoggerMessage(2, LogLevel.Error, "MQTT devices: {Host}:{Port} refused the connection: {Reason}")]
    private static partial void LogConnectRefused(ILogger logger, string host, int port, string reason);

    [LoggerMessage(3, LogLevel.Warning, "MQTT devices: cannot reach {Host}:{Port}: {Reason}; retrying with back-off")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(4, LogLevel.Warning, "MQTT devices: lost the building broker {Host}:{Port}; reconnecting")]
    private static partial void LogLost(ILogger logger, string host, int port);

    [LoggerMessage(5, LogLevel.Error, "MQTT devices: the broker refused the subscription {Topic}: {Reason}")]
    private static partial void LogSubscribeRefused(ILogger logger, string topic, string reason);

    [LoggerMessage(6, LogLevel.Error, "MQTT devices: handling a message on {Topic} failed; skipped")]
    private static partial void LogHandlerFailed(ILogger logger, string topic, Exception exception);
}
