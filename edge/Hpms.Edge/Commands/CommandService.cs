using System.Threading.Channels;
using Hpms.Edge.Configuration;
using Hpms.Edge.Uplink;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Hpms.Protocols.Transports.Mqtt;

namespace Hpms.Edge.Commands;

/// <summary>
/// Takes commands from the cloud's broker: its own MQTT 5 client (<c>&lt;client id&gt;-cmd</c>, persistent
/// session so commands sent while the gateway was away arrive when it returns), a QoS 1 subscription to
/// <see cref="TopicScheme.GatewayCommands"/>, one command at a time through <see cref="CommandHandler"/>,
/// the reply at QoS 1 to the message's response topic with its correlation data (or to
/// <see cref="CommandTopic.DefaultReplyTopic"/>), and the message acknowledged only after the reply.
/// </summary>
public sealed partial class CommandService(
    IOptions<CommandOptions> options, IOptions<UplinkOptions> uplink, IOptions<GatewayOptions> gateway,
    ICommandDevices devices, TimeProvider clock, ILoggerFactory loggers, ICabinetCommands? cabinets = null) : BackgroundService
{
    private static readonly TimeSpan s_maxReconnectDelay = TimeSpan.FromSeconds(30);
    private readonly ILogger _logger = loggers.CreateLogger<CommandService>();
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _inbox = Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(
        new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly TaskCompletionSource<CommandHandler> _handler = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the handler once the service has started (its counters are the service's).</summary>
    public Task<CommandHandler> Handler => _handler.Task;

    /// <summary>Gets the handler's counters once the service has started (null while commands are off).</summary>
    public CommandCounters? Counters { get; private set; }

    /// <summary>Gets whether the command client is connected and subscribed.</summary>
    public bool IsSubscribed { get; private set; }

    /// <summary>The paths the service uses: the configured ones or defaults in the uplink's state folder.</summary>
    /// <param name="commands">Command options.</param>
    /// <param name="uplinkOptions">Uplink options.</param>
    /// <returns>Replay file and audit file.</returns>
    public static (string ReplayFile, string AuditFile) Paths(CommandOptions commands, UplinkOptions uplinkOptions)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(uplinkOptions);
        string replay = string.IsNullOrEmpty(commands.ReplayFile) ? Path.Combine(uplinkOptions.StateDirectory, "commands-replay.txt") : commands.ReplayFile;
        string audit = string.IsNullOrEmpty(commands.AuditFile) ? Path.Combine(uplinkOptions.StateDirectory, "commands-audit.jsonl") : commands.AuditFile;
        return (Path.GetFullPath(replay), Path.GetFullPath(audit));
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CommandOptions settings = options.Value;
        if (!settings.Enabled)
        {
            _handler.TrySetCanceled(stoppingToken);
            return;
        }

        (string replayFile, string auditFile) = Paths(settings, uplink.Value);
        Directory.CreateDirectory(Path.GetDirectoryName(replayFile)!);
        using ReplayGuard replay = await ReplayGuard.LoadAsync(replayFile, settings.MaxReplayEntries, clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        if (replay.CorruptLines > 0)
        {
            LogCorruptReplay(_logger, replayFile, replay.CorruptLines);
        }

        CommandAudit audit = new(auditFile);
        await using (audit.ConfigureAwait(false))
        {
            var handler = new CommandHandler(settings, CommandKey.FromEnvironment(settings.KeyEnv), replay, devices, audit, clock, _logger, cabinets);
            Counters = handler.Counters;
            _handler.TrySetResult(handler);
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                e.AutoAcknowledge = false; // acknowledged after the reply (redelivered if the gateway dies mid-command; the replay memory refuses the repeat)
                return _inbox.Writer.WriteAsync(e, stoppingToken).AsTask();
            };

            Task processing = ProcessAsync(client, handler, stoppingToken);
            try
            {
                await KeepConnectedAsync(client, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }

            _inbox.Writer.TryComplete();
            await processing.ConfigureAwait(false);
        }
    }

    private async Task KeepConnectedAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        TimeSpan delay = TimeSpan.FromSeconds(1);
        bool loggedDown = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                IsSubscribed = false;
                if (await ConnectAsync(client, stoppingToken).ConfigureAwait(false))
                {
                    delay = TimeSpan.FromSeconds(1);
                    loggedDown = false;
                }
                else
                {
                    if (!loggedDown)
                    {
                        LogDown(_logger, uplink.Value.Mqtt.Host, uplink.Value.Mqtt.Port);
                        loggedDown = true;
                    }

                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxReconnectDelay.Ticks));
                }
            }

            await Task.Delay(client.IsConnected ? TimeSpan.FromSeconds(1) : delay, clock, stoppingToken).ConfigureAwait(false);
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<bool> ConnectAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        MqttUplinkOptions mqtt = uplink.Value.Mqtt;
        string gatewayId = gateway.Value.Id;
        string clientId = (string.IsNullOrEmpty(mqtt.ClientId) ? gatewayId : mqtt.ClientId) + options.Value.ClientIdSuffix;
        string username = string.IsNullOrEmpty(mqtt.Username) ? gatewayId : mqtt.Username;
        string? password = string.IsNullOrEmpty(mqtt.PasswordEnv) ? null : Environment.GetEnvironmentVariable(mqtt.PasswordEnv);
        var session = new MqttSession(mqtt.Host, mqtt.Port, clientId, password is null ? null : username, password, mqtt.UseTls, mqtt.Timeout, mqtt.SessionExpiry, mqtt.CaFile);
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(session.ToClientOptions(), stoppingToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }

            string filter = TopicScheme.GatewayCommands(gateway.Value.Site, gatewayId);
            MqttClientSubscribeResult subscribed = await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken).ConfigureAwait(false);
            bool granted = subscribed.Items.All(i => i.ResultCode == MqttClientSubscribeResultCode.GrantedQoS1);
            if (!granted)
            {
                LogSubscribeRefused(_logger, filter, string.Join(", ", subscribed.Items.Select(i => i.ResultCode.ToString())));
            }

            IsSubscribed = granted;
            LogConnected(_logger, mqtt.Host, mqtt.Port, filter, result.IsSessionPresent);
            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ProcessAsync(IMqttClient client, CommandHandler handler, CancellationToken stoppingToken)
    {
        await foreach (MqttApplicationMessageReceivedEventArgs received in _inbox.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                continue; // not acknowledged: the broker redelivers it to the next run
            }

            try
            {
                await HandleOneAsync(client, handler, received, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex) // one bad message or a lost connection must not stop the command loop
            {
                handler.Counters.CountHandlerError();
                LogHandlerError(_logger, ex, received.ApplicationMessage.Topic);
            }
        }
    }

    private async Task HandleOneAsync(IMqttClient client, CommandHandler handler, MqttApplicationMessageReceivedEventArgs received, CancellationToken stoppingToken)
    {
        MqttApplicationMessage message = received.ApplicationMessage;
        CommandOutcome outcome = await handler.HandleAsync(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), stoppingToken).ConfigureAwait(false);
        string? replyTopic = string.IsNullOrEmpty(message.ResponseTopic) ? outcome.Topic?.DefaultReplyTopic : message.ResponseTopic;
        if (replyTopic is not null)
        {
            MqttApplicationMessageBuilder reply = new MqttApplicationMessageBuilder()
                .WithTopic(replyTopic)
                .WithPayload(EnvelopeCodec.Encode(outcome.Reply))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json");
            if (message.CorrelationData is { Length: > 0 } correlation)
            {
                reply = reply.WithCorrelationData(correlation);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(uplink.Value.Mqtt.Timeout);
            await client.PublishAsync(reply.Build(), timeout.Token).ConfigureAwait(false);
        }

        await received.AcknowledgeAsync(stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Command client connected to {Host}:{Port}, subscribed to {Filter} (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string host, int port, string filter, bool sessionPresent);

    [LoggerMessage(2, LogLevel.Warning, "Command client cannot reach {Host}:{Port}; retrying with back-off")]
    private static partial void LogDown(ILogger logger, string host, int port);

    [LoggerMessage(3, LogLevel.Error, "The broker refused the command subscription {Filter}: {Codes}")]
    private static partial void LogSubscribeRefused(ILogger logger, string filter, string codes);

    [LoggerMessage(4, LogLevel.Error, "Command message on {Topic} could not be handled; continuing")]
    private static partial void LogHandlerError(ILogger logger, Exception exception, string topic);

    [LoggerMessage(5, LogLevel.Warning, "Replay memory {File}: {Lines} unreadable lines skipped")]
    private static partial void LogCorruptReplay(ILogger logger, string file, int lines);
}
