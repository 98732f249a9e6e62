using System.Data.Common;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Audit;
using Hpms.Cloud.Storage;
using Hpms.Protocols.Envelopes;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;

namespace Hpms.Cloud.Commands;

/// <summary>
/// Sends one built command and records it: the <c>commands</c> row (<c>sent</c>) and the request's audit
/// record commit before the publish, so no command reaches a device unrecorded; the outcome
/// (<c>succeeded</c>, <c>failed</c>, <c>timed_out</c>) updates the row and is audited too.
/// </summary>
public sealed partial class CommandDispatcher(
    CloudDatabase database, AuditLog audit, ICommandChannel channel, CommandMetrics metrics,
    IOptions<CommandOptions> options, TimeProvider clock, ILogger<CommandDispatcher> logger)
{
    /// <summary>Records, publishes and waits for a signed command.</summary>
    /// <param name="command">The signed command.</param>
    /// <param name="site">Device's site.</param>
    /// <param name="gateway">Device's gateway.</param>
    /// <param name="cancellationToken">Cancels the wait (the outcome is then recorded as timed out).</param>
    /// <returns>The outcome.</returns>
    public async Task<CommandResult> DispatchAsync(DeviceCommand command, string site, string gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        string args = JsonSerializer.Serialize(command.Args.ToDictionary(a => a.Key, a => a.Value.IsText ? (object)a.Value.Text! : a.Value.Number), JsonSerializerOptionsCache.Web);
        await RecordRequestAsync(command, gateway, args, cancellationToken).ConfigureAwait(false);
        LogSending(logger, command.Id, command.Name, command.Device, command.Issuer);

        CommandReply? reply = null;
        string? error = null;
        try
        {
            reply = await channel.SendAsync(command, site, gateway, options.Value.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            error = ex is OperationCanceledException ? "the request was aborted before a reply" : "publish failed: " + ex.Message;
        }

        string status = reply switch
        {
            { Ok: true } => CommandStatus.Succeeded,
            not null => CommandStatus.Failed,
            null when error is not null && !error.StartsWith("the request", StringComparison.Ordinal) => CommandStatus.Failed,
            _ => CommandStatus.TimedOut,
        };
        metrics.CountOutcome(status);
        await RecordOutcomeAsync(command, status, reply, error, CancellationToken.None).ConfigureAwait(false);
        LogOutcome(logger, command.Id, status, reply?.ErrorCode ?? error ?? string.Empty);
        return new CommandResult(command.Id, command.Device, command.Name, status, command.IssuedUnixMs, command.ExpiresUnixMs, reply, error);
    }

    private async Task RecordRequestAsync(DeviceCommand command, string gateway, string args, CancellationToken cancellationToken)
    {
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO commands (id, device_id, name, args_json, issued_by, issued_ms, expires_ms, status) VALUES (@Id, @Device, @Name, @args, @Issuer, @IssuedUnixMs, @ExpiresUnixMs, 'sent')",
                    new { command.Id, command.Device, command.Name, args, command.Issuer, command.IssuedUnixMs, command.ExpiresUnixMs },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await audit.AppendAsync(connection, transaction, command.Issuer, "command.request", "device/" + command.Device,
                    $"{{\"command\":\"{command.Id}\",\"name\":\"{command.Name}\",\"gateway\":{JsonSerializer.Serialize(gateway)},\"args\":{args}}}", cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RecordOutcomeAsync(DeviceCommand command, string status, CommandReply? reply, string? error, CancellationToken cancellationToken)
    {
        string? replyJson = reply is null ? null : System.Text.Encoding.UTF8.GetString(EnvelopeCodec.Encode(reply));
        DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE commands SET status = @status, reply_json = @replyJson, replied_ms = @at WHERE id = @id AND status = 'sent'",
                    new { id = command.Id, status, replyJson, at = reply is null ? (long?)null : clock.GetUtcNow().ToUnixTimeMilliseconds() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                string details = replyJson ?? JsonSerializer.Serialize(new { command = command.Id, error = error ?? "no reply within " + options.Value.ReplyTimeout });
                await audit.AppendAsync(connection, transaction, command.Issuer, "command." + status, "device/" + command.Device, details, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Command {CommandId} {Name} for {Device} by {Issuer} sent")]
    private static partial void LogSending(ILogger logger, string commandId, string name, string device, string issuer);

    [LoggerMessage(2, LogLevel.Information, "Command {CommandId} {Status} {Detail}")]
    private static partial void LogOutcome(ILogger logger, string commandId, string status, string detail);
}
