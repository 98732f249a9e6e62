using Hpms.Edge.Devices;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Microsoft.Extensions.Logging;

namespace Hpms.Edge.Commands;

/// <summary>
/// One command message from payload to reply: parse (a bad payload is an error reply, counted and
/// audited), check topic, signature and time (<see cref="CommandValidator"/>), find the device, authorise
/// and plan the command for its class (<see cref="CommandTable"/>), refuse a replay
/// (<see cref="ReplayGuard"/>, saved before anything is written), write on the device's line, audit every
/// step, answer with a <see cref="CommandReply"/>.
/// </summary>
public sealed partial class CommandHandler
{
    /// <summary>Reply id used when the payload did not parse (the correlation data still identifies the request).</summary>
    public const string UnparsedId = "unparsed";

    private static readonly IReadOnlyDictionary<string, double> s_none = new Dictionary<string, double>();
    private readonly CommandOptions _options;
    private readonly CommandKey _key;
    private readonly ReplayGuard _replay;
    private readonly ICommandDevices _devices;
    private readonly CommandAudit _audit;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ICabinetCommands? _cabinets;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="key">The gateway's key.</param>
    /// <param name="replay">The replay memory.</param>
    /// <param name="devices">The devices.</param>
    /// <param name="audit">The audit log.</param>
    /// <param name="clock">The gateway's clock.</param>
    /// <param name="logger">Log.</param>
    /// <param name="cabinets">The MQTT-native cabinets, when the gateway has any.</param>
    public CommandHandler(CommandOptions options, CommandKey key, ReplayGuard replay, ICommandDevices devices, CommandAudit audit, TimeProvider clock, ILogger logger, ICabinetCommands? cabinets = null)
    {
        _cabinets = cabinets;
        _options = options;
        _key = key;
        _replay = replay;
        _devices = devices;
        _audit = audit;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Gets the counters.</summary>
    public CommandCounters Counters { get; } = new();

    /// <summary>Handles one message.</summary>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="payload">Untrusted bytes.</param>
    /// <param name="cancellationToken">Stops handling (the host is stopping).</param>
    /// <returns>The reply to send.</returns>
    public async Task<CommandOutcome> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Counters.CountReceived();
        CommandTopic? levels = CommandTopic.TryParse(topic);
        PayloadParseResult<DeviceCommand> parsed = EnvelopeCodec.ParseCommand(payload);
        if (!parsed.IsOk)
        {
            Counters.CountMalformed();
            return await RefuseAsync(levels, null, new(CommandErrorCodes.BadRequest, parsed.Error), cancellationToken).ConfigureAwait(false);
        }

        DeviceCommand command = parsed.Value;
        if (levels is null)
        {
            return await RefuseAsync(null, command, new(CommandErrorCodes.BadRequest, "not a command topic: " + topic), cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset now = _clock.GetUtcNow();
        if (CommandValidator.Check(command, levels, _options, _key, now) is { } invalid)
        {
            return await RefuseAsync(levels, command, invalid, cancellationToken).ConfigureAwait(false);
        }

        if (_devices.TryGetDevice(command.Device, out EdgeDevice? device))
        {
            CommandPlan plan = CommandTable.Plan(device.Map.DeviceClass, device.Map, command);
            return plan.Refusal is not null
                ? await RefuseAsync(levels, command, plan.Refusal, cancellationToken).ConfigureAwait(false)
                : await RunAsync(levels, command, now, token => _devices.ExecuteAsync(device, plan.Writes, token), cancellationToken).ConfigureAwait(false);
        }

        if (_cabinets is not null && _cabinets.HasCabinet(command.Device))
        {
            if (CabinetCommandPlanner.Plan(command, out CabinetCommand? cabinetCommand, out IReadOnlyDictionary<string, double> values) is { } refused)
            {
                return await RefuseAsync(levels, command, refused, cancellationToken).ConfigureAwait(false);
            }

            return await RunAsync(levels, command, now, async token => CabinetCommandPlanner.ToExecution(
                await _cabinets.SendAsync(command.Device, cabinetCommand!, token).ConfigureAwait(false), values), cancellationToken).ConfigureAwait(false);
        }

        return await RefuseAsync(levels, command, new(CommandErrorCodes.UnknownDevice, $"this gateway has no device {command.Device}"), cancellationToken).ConfigureAwait(false);
    }

    // Common to every kind of device: remember the command (replay), audit, execute within the timeout, audit, reply.
    private async Task<CommandOutcome> RunAsync(
        CommandTopic levels, DeviceCommand command, DateTimeOffset now, Func<CancellationToken, Task<CommandExecution>> execute, CancellationToken cancellationToken)
    {
        if (await RegisterAsync(command, now, cancellationToken).ConfigureAwait(false) is { } replayed)
        {
            return await RefuseAsync(levels, command, replayed, cancellationToken).ConfigureAwait(false);
        }

        await _audit.WriteAsync(now, "accepted", levels, command, null, null, cancellationToken).ConfigureAwait(false);
        CommandExecution execution = await ExecuteAsync(execute, cancellationToken).ConfigureAwait(false);
        if (execution.Refusal is { } failure)
        {
            Counters.CountFailed();
            LogFailed(_logger, command.Id, command.Name, command.Device, failure.ErrorCode, failure.Reason);
            await _audit.WriteAsync(_clock.GetUtcNow(), "failed", levels, command, failure, execution.Values, cancellationToken).ConfigureAwait(false);
            return new(new CommandReply(command.Id, false, failure.ErrorCode, Truncate(failure.Reason), execution.Values), levels);
        }

        Counters.CountExecuted();
        LogExecuted(_logger, command.Id, command.Name, command.Device, command.Issuer);
        await _audit.WriteAsync(_clock.GetUtcNow(), "executed", levels, command, null, execution.Values, cancellationToken).ConfigureAwait(false);
        return new(new CommandReply(command.Id, true, null, string.Empty, execution.Values), levels);
    }

    private async Task<CommandRefusal?> RegisterAsync(DeviceCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (_replay.TryRegister(command, CommandValidator.ForgetAfter(command, _options), now))
        {
            case ReplayVerdict.Replayed:
                return new(CommandErrorCodes.Replayed, "this command id or nonce was seen before");
            case ReplayVerdict.Full:
                return new(CommandErrorCodes.Unauthorized, "the replay memory is full; refusing until entries expire");
        }

        try
        {
            // Saved before the device is touched: a crash after the write cannot let the command run twice.
            await _replay.SaveAsync(now, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (IOException ex)
        {
            return new(CommandErrorCodes.DeviceError, "the replay memory could not be saved: " + ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return new(CommandErrorCodes.DeviceError, "the replay memory could not be saved: " + ex.Message);
        }
    }

    private async Task<CommandExecution> ExecuteAsync(Func<CancellationToken, Task<CommandExecution>> execute, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ExecuteTimeout);
        try
        {
            return await execute(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(new(CommandErrorCodes.Timeout, $"not done within {_options.ExecuteTimeout}"), s_none);
        }
    }

    private async Task<CommandOutcome> RefuseAsync(CommandTopic? topic, DeviceCommand? command, CommandRefusal refusal, CancellationToken cancellationToken)
    {
        Counters.CountRefused(refusal.ErrorCode);
        LogRefused(_logger, command?.Id ?? UnparsedId, command?.Name ?? topic?.Name ?? "?", command?.Device ?? topic?.Device ?? "?", refusal.ErrorCode, refusal.Reason);
        await _audit.WriteAsync(_clock.GetUtcNow(), "refused", topic, command, refusal, null, cancellationToken).ConfigureAwait(false);
        return new(new CommandReply(command?.Id ?? UnparsedId, false, refusal.ErrorCode, Truncate(refusal.Reason), s_none), topic);
    }

    // The reply envelope caps its message; a parse error quoting a long field must still produce a valid reply.
    private static string Truncate(string reason) => reason.Length <= EnvelopeCodec.MaxMessageLength ? reason : reason[..EnvelopeCodec.MaxMessageLength];

    [LoggerMessage(1, LogLevel.Warning, "Command {CommandId} {Name} for {Device} refused ({Error}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string commandId, string name, string device, string error, string reason);

    [LoggerMessage(2, LogLevel.Information, "Command {CommandId} {Name} for {Device} by {Issuer} executed")]
    private static partial void LogExecuted(ILogger logger, string commandId, string name, string device, string issuer);

    [LoggerMessage(3, LogLevel.Warning, "Command {CommandId} {Name} for {Device} failed ({Error}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string commandId, string name, string device, string error, string reason);
}
