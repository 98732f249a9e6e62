using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Hpms.Cloud.Security;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Hpms.Protocols.Transports.Mqtt;

namespace Hpms.Cloud.Commands;

/// <summary>
/// The API's MQTT 5 client for commands. Each command is published at QoS 1 on
/// <see cref="TopicScheme.Command"/> with a response topic under the same device
/// (<c>…/cmd/{name}/reply/{client id}</c>: inside the gateway's own topic tree, so a broker ACL that lets a
/// gateway write its tree lets it answer, and one level deeper than the gateway's own subscription) and the
/// command id as correlation data. Replies are matched by correlation data and id; unmatched or malformed
/// replies are counted and dropped. Reconnects with back-off while the host runs.
/// </summary>
public sealed partial class MqttCommandChannel(IOptions<CommandOptions> options, CommandMetrics metrics, TimeProvider clock, ILogger<MqttCommandChannel> logger)
    : BackgroundService, ICommandChannel
{
    private static readonly TimeSpan s_maxReconnectDelay = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandReply>> _pending = new(StringComparer.Ordinal);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _clientId = string.IsNullOrWhiteSpace(options.Value.ClientId) ? "hpms-cloud-cmd-" + Guid.NewGuid().ToString("N")[..12] : options.Value.ClientId;
    private volatile bool _subscribed;

    /// <inheritdoc/>
    public bool IsConnected => _subscribed && _client.IsConnected;

    /// <summary>The reply topic this instance gives a command.</summary>
    /// <param name="site">Site.</param>
    /// <param name="gateway">Gateway.</param>
    /// <param name="device">Device.</param>
    /// <param name="name">Command name.</param>
    /// <param name="clientId">This instance's client id.</param>
    /// <returns>The response topic.</returns>
    public static string ReplyTopic(string site, string gateway, string device, string name, string clientId) =>
        TopicScheme.Command(site, gateway, device, name) + "/reply/" + clientId;

    /// <inheritdoc/>
    public async Task<CommandReply?> SendAsync(DeviceCommand command, string site, string gateway, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var waiter = new TaskCompletionSource<CommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(command.Id, waiter))
        {
            throw new InvalidOperationException("duplicate command id " + command.Id);
        }

        try
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(TopicScheme.Command(site, gateway, command.Device, command.Name))
                .WithPayload(EnvelopeCodec.Encode(command))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .WithResponseTopic(ReplyTopic(site, gateway, command.Device, command.Name, _clientId))
                .WithCorrelationData(Encoding.UTF8.GetBytes(command.Id))
                .WithMessageExpiryInterval((uint)Math.Max(1, Math.Ceiling((DateTimeOffset.FromUnixTimeMilliseconds(command.ExpiresUnixMs) - clock.GetUtcNow()).TotalSeconds)))
                .Build();
            using (var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                publishTimeout.CancelAfter(options.Value.MqttTimeout);
                MqttClientPublishResult published = await _client.PublishAsync(message, publishTimeout.Token).ConfigureAwait(false);
                if (!published.IsSuccess)
                {
                    throw new MqttCommunicationException("the broker refused the command: " + published.ReasonCode);
                }
            }

            return await waiter.Task.WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(command.Id, out _);
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
        CommandOptions o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnReply(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        TimeSpan delay = TimeSpan.FromSeconds(1);
        bool loggedDown = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!_client.IsConnected)
                {
                    _subscribed = false;
                    if (await ConnectAsync(o, stoppingToken).ConfigureAwait(false))
                    {
                        delay = TimeSpan.FromSeconds(1);
                        loggedDown = false;
                    }
                    else
                    {
                        if (!loggedDown)
                        {
                            LogDown(logger, o.Host, o.Port);
                            loggedDown = true;
                        }

                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxReconnectDelay.Ticks));
                    }
                }

                await Task.Delay(_client.IsConnected ? TimeSpan.FromMilliseconds(500) : delay, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<bool> ConnectAsync(CommandOptions o, CancellationToken stoppingToken)
    {
        // A clean session: a command not answered within its lifetime is dead anyway.
        string? password = SecretSource.Read(o.PasswordEnv, o.PasswordFile);
        var session = new MqttSession(o.Host, o.Port, _clientId, password is null ? null : o.Username, password, o.UseTls, o.MqttTimeout, SessionExpiry: null, o.CaFile);
        try
        {
            MqttClientConnectResult result = await _client.ConnectAsync(session.ToClientOptions(), stoppingToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }

            string filter = $"{TopicScheme.Root}/+/+/+/cmd/+/reply/{_clientId}";
            MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken).ConfigureAwait(false);
            _subscribed = subscribed.Items.All(i => i.ResultCode == MqttClientSubscribeResultCode.GrantedQoS1);
            if (!_subscribed)
            {
                LogSubscribeRefused(logger, filter);
            }
            else
            {
                LogConnected(logger, o.Host, o.Port, filter);
            }

            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void OnReply(MqttApplicationMessage message)
    {
        PayloadParseResult<CommandReply> parsed = EnvelopeCodec.ParseReply(message.Payload.ToArray());
        string correlation = message.CorrelationData is { Length: > 0 and <= 256 } data ? Encoding.UTF8.GetString(data) : string.Empty;
        if (!parsed.IsOk)
        {
            metrics.CountBadReply();
            LogBadReply(logger, message.Topic, parsed.Error);
            return;
        }

        // The gateway answers an unparsable command with id "unparsed"; the correlation data still names it.
        string id = correlation.Length > 0 ? correlation : parsed.Value.Id;
        if (!_pending.TryGetValue(id, out TaskCompletionSource<CommandReply>? waiter))
        {
            metrics.CountUnmatchedReply();
            return;
        }

        waiter.TrySetResult(parsed.Value);
    }

    [LoggerMessage(1, LogLevel.Information, "Command client connected to {Host}:{Port}, replies on {Filter}")]
    private static partial void LogConnected(ILogger logger, string host, int port, string filter);

    [LoggerMessage(2, LogLevel.Warning, "Command client cannot reach {Host}:{Port}; retrying with back-off")]
    private static partial void LogDown(ILogger logger, string host, int port);

    [LoggerMessage(3, LogLevel.Error, "The broker refused the reply subscription {Filter}")]
    private static partial void LogSubscribeRefused(ILogger logger, string filter);

    [LoggerMessage(4, LogLevel.Warning, "Malformed command reply on {Topic}: {Reason}")]
    private static partial void LogBadReply(ILogger logger, string topic, string reason);
}
