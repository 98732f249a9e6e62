using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using Hpms.Protocols.Transports.Mqtt;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// One MQTT 5 connection of the ingest (see <see cref="MqttIngestService"/>): a persistent session (clean start off,
/// session expiry) subscribed at QoS 1 to its lane's filters, in a shared group so several instances split the
/// load. Messages are acknowledged by hand, only after <see cref="IngestProcessor"/> has handled them. Messages are
/// handled concurrently, at most <see cref="IngestOptions.MaxConcurrentMessages"/> at a time (those of one topic,
/// i.e. one device's telemetry or events, still one after another) while the acknowledgements go out in the order
/// the messages came, as MQTT requires, so the receive loop never waits for the database or the sink. Reconnects
/// with a doubling delay; no payload can stop it.
/// </summary>
public sealed partial class IngestConnection : IDisposable
{
    private readonly IngestOptions _options;
    private readonly IngestLane _lane;
    private readonly string _clientId;
    private readonly IngestProcessor _processor;
    private readonly IngestCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private const int MaxPending = 256;
    private static readonly Task<bool> s_handled = Task.FromResult(true);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<PendingAck> _pending = Channel.CreateBounded<PendingAck>(new BoundedChannelOptions(MaxPending) { SingleReader = true });
    private readonly Dictionary<string, Task<bool>> _lastByTopic = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _handling;
    private volatile bool _subscribed;
    private CancellationToken _stopping;

    /// <summary>Creates the connection (not yet connected).</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="lane">Which filters it subscribes to (its client id is the lane's).</param>
    /// <param name="processor">Handles each message.</param>
    /// <param name="counters">Counts messages through receive, handling and acknowledgement.</param>
    /// <param name="time">Clock of the reconnect delays.</param>
    /// <param name="logger">Log.</param>
    public IngestConnection(IngestOptions options, IngestLane lane, IngestProcessor processor, IngestCounters counters, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _lane = lane;
        _clientId = IngestTopic.ClientId(options.ClientId, lane);
        _processor = processor;
        _counters = counters;
        _time = time;
        _logger = logger;
        _handling = new SemaphoreSlim(_options.MaxConcurrentMessages, _options.MaxConcurrentMessages);
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Gets whether the broker is connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Gets whether the subscriptions are in place on the current connection (readiness).</summary>
    public bool IsSubscribed => _subscribed && _client.IsConnected;

    /// <inheritdoc/>
    public void Dispose()
    {
        _client.Dispose();
        _handling.Dispose();
    }

    /// <summary>Connects, keeps connected and handles messages until <paramref name="stoppingToken"/> is cancelled.</summary>
    /// <param name="stoppingToken">Stops it.</param>
    /// <returns>Done when stopped.</returns>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        Task acknowledging = AcknowledgeInOrderAsync(stoppingToken);
        await MqttReconnectLoop.RunAsync(
            _client, ConnectAsync, () => LogLost(_logger, _options.Host, _options.Port), _options.ReconnectDelay, _options.MaxReconnectDelay, _time, stoppingToken).ConfigureAwait(false);
        try
        {
            await acknowledging.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await MqttReconnectLoop.DisconnectQuietlyAsync(_client, _options.Timeout).ConfigureAwait(false);
    }

    private async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        _subscribed = false; // until this connection's subscriptions are in place (readiness)
        string? password = string.IsNullOrEmpty(_options.PasswordEnv) ? null : Environment.GetEnvironmentVariable(_options.PasswordEnv);
        var session = new MqttSession(
            _options.Host, _options.Port, _clientId,
            string.IsNullOrEmpty(_options.Username) ? null : _options.Username, string.IsNullOrEmpty(_options.Username) ? null : password,
            _options.UseTls, _options.Timeout, _options.SessionExpiry, _options.CaFile)
        {
            // The broker may have as many messages out to the ingest as MQTT allows: the ingest bounds what it holds
            // itself (the receive loop waits when MaxPending wait for handling, and TCP holds the rest).
            ReceiveMaximum = ushort.MaxValue,
        };
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
            foreach (string filter in IngestTopic.Filters(_options.SharedGroup, _lane))
            {
                subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
            }

            MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
            foreach (MqttClientSubscribeResultItem item in subscribed.Items.Where(i => (int)i.ResultCode > 2))
            {
                LogSubscribeRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
            }

            if (connected.IsSessionPresent)
            {
                // A session kept from before the lanes (or from a changed configuration) may still hold the other lane's
                // filters; left there, the broker would keep sharing that lane's messages with this session for good.
                MqttClientUnsubscribeOptionsBuilder unsubscribe = new MqttClientFactory().CreateUnsubscribeOptionsBuilder();
                foreach (string filter in IngestTopic.Filters(_options.SharedGroup, _lane == IngestLane.Telemetry ? IngestLane.Events : IngestLane.Telemetry))
                {
                    unsubscribe = unsubscribe.WithTopicFilter(filter);
                }

                _ = await _client.UnsubscribeAsync(unsubscribe.Build(), cancellationToken).ConfigureAwait(false);
            }

            _subscribed = true;
            LogConnected(_logger, _options.Host, _options.Port, _clientId, _options.SharedGroup, connected.IsSessionPresent);
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
        // Acknowledged by AcknowledgeInOrderAsync only once handled: a crash before that leaves the message with the broker.
        e.AutoAcknowledge = false;
        _counters.MessageReceived(_lane);
        string topic = e.ApplicationMessage.Topic;
        // The client reuses its buffer once this returns: copied into a pooled one, returned once handled (nothing
        // the processor keeps refers to the payload's bytes).
        int length = checked((int)e.ApplicationMessage.Payload.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        e.ApplicationMessage.Payload.CopyTo(rented);
        var payload = new ReadOnlyMemory<byte>(rented, 0, length);
        Task<bool> handled;
        lock (_lastByTopic)
        {
            Task<bool> previous = _lastByTopic.GetValueOrDefault(topic) ?? s_handled;
            handled = Task.Run(() => HandleAfterAsync(previous, topic, rented, payload), CancellationToken.None);
            _lastByTopic[topic] = handled;
            if (_lastByTopic.Count > 4 * MaxPending)
            {
                foreach (string done in _lastByTopic.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToList())
                {
                    _lastByTopic.Remove(done);
                }
            }
        }

        // Bounded: when MaxPending messages wait for handling, the receive loop waits too (and the broker holds the rest).
        await _pending.Writer.WriteAsync(new PendingAck(e, handled), _stopping).ConfigureAwait(false);
    }

    private async Task<bool> HandleAfterAsync(Task<bool> previous, string topic, byte[] rented, ReadOnlyMemory<byte> payload)
    {
        try
        {
            return await HandleAfterAsync(previous, topic, payload).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private async Task<bool> HandleAfterAsync(Task<bool> previous, string topic, ReadOnlyMemory<byte> payload)
    {
        await Task.WhenAny(previous).ConfigureAwait(false);
        if (!previous.IsCompletedSuccessfully || !previous.Result)
        {
            _counters.NotHandled();
            return false;
        }

        // The waiting messages wait here without a thread; at most MaxConcurrentMessages run into the database.
        try
        {
            await _handling.WaitAsync(_stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _counters.NotHandled();
            throw;
        }

        _counters.HandlingStarted();
        try
        {
            return await _processor.HandleAsync(topic, payload, _stopping).ConfigureAwait(false);
        }
        finally
        {
            _counters.HandlingEnded();
            _handling.Release();
        }
    }

    private async Task AcknowledgeInOrderAsync(CancellationToken cancellationToken)
    {
        await foreach (PendingAck pending in _pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.WhenAny(pending.Handled).ConfigureAwait(false);
            if (!pending.Handled.IsCompletedSuccessfully || !pending.Handled.Result)
            {
                if (pending.Handled.Exception is { } failed)
                {
                    LogHandleFailed(_logger, failed.GetBaseException(), pending.Message.ApplicationMessage.Topic);
                }

                _counters.MessageAcknowledged(false);
                continue; // stopping or failed: not acknowledged, redelivered to the session later
            }

            try
            {
                await pending.Message.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
                _counters.MessageAcknowledged(true);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // Connection gone before the ack: the broker redelivers; events are de-duplicated by the ledger.
                _counters.MessageAcknowledged(false);
            }
        }
    }

    private sealed record PendingAck(MqttApplicationMessageReceivedEventArgs Message, Task<bool> Handled);

    [LoggerMessage(1, LogLevel.Information, "Ingest connected to {Host}:{Port} as {ClientId} (shared group '{Group}', session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string host, int port, string clientId, string group, bool sessionPresent);

    [LoggerMessage(2, LogLevel.Error, "Ingest: {Host}:{Port} refused the connection: {Reason}")]
    private static partial void LogConnectRefused(ILogger logger, string host, int port, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Ingest cannot reach {Host}:{Port}: {Error}; retrying with back-off")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(4, LogLevel.Warning, "Ingest lost the broker {Host}:{Port}; reconnecting")]
    private static partial void LogLost(ILogger logger, string host, int port);

    [LoggerMessage(5, LogLevel.Error, "Ingest: the broker refused the subscription {Filter}: {Reason}")]
    private static partial void LogSubscribeRefused(ILogger logger, string filter, string reason);

    [LoggerMessage(6, LogLevel.Error, "Ingest: handling a message on {Topic} failed; left unacknowledged for redelivery")]
    private static partial void LogHandleFailed(ILogger logger, Exception exception, string topic);
}
