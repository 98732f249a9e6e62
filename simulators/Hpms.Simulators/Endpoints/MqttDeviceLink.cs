using System.Buffers;
using Hpms.Simulators.Devices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Hpms.Protocols.Transports.Mqtt;

namespace Hpms.Simulators.Endpoints;

/// <summary>
/// Carries one <see cref="IMqttNativeDevice"/> over a real broker: MQTT 5, clean start false with a
/// session expiry, subscribed (QoS 1) to the device's own command topic; publishes its outbox
/// (events and replies QoS 1, reports as the device asks, never retained). Reconnects with
/// exponential backoff; a broker that is down or a bad payload never stops it.
/// </summary>
public sealed partial class MqttDeviceLink : IAsyncDisposable
{
    private const int BatchSize = 256;

    private readonly IMqttNativeDevice _device;
    private readonly MqttLinkOptions _options;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly List<MqttOutboxMessage> _pending = [];
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private long _connects;
    private long _published;
    private long _handlerErrors;

    /// <summary>Creates the link (nothing happens before <see cref="StartAsync"/>).</summary>
    /// <param name="device">The device carried.</param>
    /// <param name="options">Broker, identity and timings.</param>
    /// <param name="logger">Logger; null for none.</param>
    public MqttDeviceLink(IMqttNativeDevice device, MqttLinkOptions options, ILogger<MqttDeviceLink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        _device = device;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Gets a value indicating whether the client is connected now.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Gets the successful connects so far (1 + reconnects).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Gets the messages published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Gets the inbound messages whose handling threw (a device bug; counted, not fatal).</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Starts connecting and publishing in the background.</summary>
    /// <param name="cancellationToken">Cancels the start only.</param>
    /// <returns>A completed task once the loop runs.</returns>
    /// <exception cref="InvalidOperationException">The password variable is named but not set.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_loop is not null)
        {
            throw new InvalidOperationException("The link is already started.");
        }

        MqttClientOptions clientOptions = BuildClientOptions();
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(clientOptions, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop and disconnects cleanly (the broker keeps the session).</summary>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Already gone: nothing to say goodbye to.
            }
        }

        _stop.Dispose();
        _stop = null;
        _loop = null;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await StopAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stop timed out; the client is disposed below regardless.
        }

        _client.Dispose();
    }

    private MqttClientOptions BuildClientOptions()
    {
        string? password = null;
        if (!string.IsNullOrEmpty(_options.PasswordEnv))
        {
            password = Environment.GetEnvironmentVariable(_options.PasswordEnv)
                ?? throw new InvalidOperationException($"MQTT link {_options.ClientId}: environment variable {_options.PasswordEnv} is not set.");
        }

        string? secret = _options.Username is null ? null : password;
        return new MqttSession(_options.Host, _options.Port, _options.ClientId, _options.Username, secret, _options.UseTls, _options.ConnectTimeout, _options.SessionExpiry)
            .ToClientOptions();
    }

    private async Task RunAsync(MqttClientOptions clientOptions, CancellationToken cancellationToken)
    {
        TimeSpan backoff = _options.InitialBackoff;
        bool outageLogged = false;
        using var timer = new PeriodicTimer(_options.PublishInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
                    LogConnected(_options.ClientId, _options.Host, _options.Port);
                    backoff = _options.InitialBackoff;
                    outageLogged = false;
                }

                await PublishPendingAsync(cancellationToken).ConfigureAwait(false);
                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // One catch-all per device loop (STYLE §7): broker down, refused, dropped mid-publish.
                // Log the outage once, keep the unsent messages, back off and try again.
                if (!outageLogged)
                {
                    LogOutage(ex, _options.ClientId, _options.Host, _options.Port);
                    outageLogged = true;
                }

                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task ConnectAsync(MqttClientOptions clientOptions, CancellationToken cancellationToken)
    {
        MqttClientConnectResult result = await _client.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"connect refused: {result.ResultCode} {result.ReasonString}");
        }

        Interlocked.Increment(ref _connects);

        // A resumed session still holds the subscription, but a broker restarted without
        // persistence does not: subscribing again is harmless, so always do it.
        if (_device.Subscriptions.Count > 0)
        {
            MqttClientSubscribeOptionsBuilder subscribe = new();
            foreach (string filter in _device.Subscriptions)
            {
                subscribe = subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pending.Count == 0 && _device.DrainOutbox(_pending, BatchSize) == 0)
            {
                return;
            }

            while (_pending.Count > 0)
            {
                MqttOutboxMessage message = _pending[0];
                MqttApplicationMessageBuilder builder = new MqttApplicationMessageBuilder()
                    .WithTopic(message.Topic)
                    .WithPayload(message.Payload)
                    .WithQualityOfServiceLevel(message.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                    .WithRetainFlag(false);
                if (message.CorrelationData is { } correlation)
                {
                    builder = builder.WithCorrelationData(correlation);
                }

                // Throws when the connection drops: the message stays first in line for the next connection.
                MqttClientPublishResult result = await _client.PublishAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
                _pending.RemoveAt(0);
                if (result.IsSuccess)
                {
                    Interlocked.Increment(ref _published);
                }
                else
                {
                    LogRefused(_options.ClientId, message.Topic, result.ReasonCode.ToString());
                }
            }
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            MqttApplicationMessage m = e.ApplicationMessage;
            _device.HandleCommand(new MqttInboundMessage(m.Topic, m.Payload.ToArray(), m.ResponseTopic, m.CorrelationData));
        }
        catch (Exception ex)
        {
            // One catch-all per message handler (STYLE §7): no payload may stop the link.
            Interlocked.Increment(ref _handlerErrors);
            LogHandlerError(ex, _options.ClientId, e.ApplicationMessage.Topic);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT device {ClientId} connected to {Host}:{Port}")]
    private partial void LogConnected(string clientId, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT device {ClientId} cannot reach {Host}:{Port}; retrying with backoff")]
    private partial void LogOutage(Exception exception, string clientId, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT device {ClientId}: broker refused a publish to {Topic} ({Reason})")]
    private partial void LogRefused(string clientId, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT device {ClientId}: handling a message on {Topic} failed")]
    private partial void LogHandlerError(Exception exception, string clientId, string topic);
}
