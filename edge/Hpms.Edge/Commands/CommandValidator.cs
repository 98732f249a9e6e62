using System.Globalization;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Commands;

/// <summary>
/// The checks a parsed command passes before the gateway looks at its device: it was sent on its own
/// topic, it is signed with the gateway's key (constant-time comparison), it is not expired nor issued in
/// the future beyond the clock skew, and its lifetime fits the replay window. Pure: no I/O, no throwing.
/// </summary>
public static class CommandValidator
{
    /// <summary>Checks a command.</summary>
    /// <param name="command">The parsed command.</param>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="key">The gateway's key (may be unusable when signatures are not required).</param>
    /// <param name="now">The gateway's clock.</param>
    /// <returns>Null when the command may proceed, otherwise why not.</returns>
    public static CommandRefusal? Check(DeviceCommand command, CommandTopic topic, CommandOptions options, CommandKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        if (!string.Equals(command.Device, topic.Device, StringComparison.Ordinal) || !string.Equals(command.Name, topic.Name, StringComparison.Ordinal))
        {
            // The topic is what the broker's ACL authorised; a body naming another target is not trusted.
            return new(CommandErrorCodes.BadRequest, $"envelope names {command.Device}/{command.Name} but arrived on {topic.Device}/cmd/{topic.Name}");
        }

        if (CheckSignature(command, options, key) is { } unsigned)
        {
            return unsigned;
        }

        return CheckTime(command, options, now);
    }

    /// <summary>The instant after which a command can no longer pass <see cref="Check"/>: its expiry plus the skew.</summary>
    /// <param name="command">The command.</param>
    /// <param name="options">Validated options.</param>
    /// <returns>When its replay entry may be forgotten.</returns>
    public static DateTimeOffset ForgetAfter(DeviceCommand command, CommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        return DateTimeOffset.FromUnixTimeMilliseconds(command.ExpiresUnixMs) + options.MaxClockSkew;
    }

    private static CommandRefusal? CheckSignature(DeviceCommand command, CommandOptions options, CommandKey key)
    {
        if (command.Signature is null)
        {
            return options.RequireSignature ? new(CommandErrorCodes.Unauthorized, "unsigned command; this gateway requires a signature") : null;
        }

        if (!key.IsUsable)
        {
            return new(CommandErrorCodes.Unauthorized, "signed command but the gateway has no key to verify it");
        }

        return CommandSigner.Verify(command, key.Bytes.Span) ? null : new(CommandErrorCodes.Unauthorized, "bad signature");
    }

    private static CommandRefusal? CheckTime(DeviceCommand command, CommandOptions options, DateTimeOffset now)
    {
        DateTimeOffset issued = DateTimeOffset.FromUnixTimeMilliseconds(command.IssuedUnixMs);
        DateTimeOffset expires = DateTimeOffset.FromUnixTimeMilliseconds(command.ExpiresUnixMs);
        if (now > expires + options.MaxClockSkew)
        {
            return new(CommandErrorCodes.Expired, string.Create(CultureInfo.InvariantCulture, $"expired {(now - expires).TotalSeconds:0.###} s ago"));
        }

        if (issued > now + options.MaxClockSkew)
        {
            return new(CommandErrorCodes.BadRequest, string.Create(CultureInfo.InvariantCulture, $"issued {(issued - now).TotalSeconds:0.###} s in the future (clock skew above {options.MaxClockSkew})"));
        }

        if (expires - issued > options.ReplayWindow)
        {
            return new(CommandErrorCodes.BadRequest, string.Create(CultureInfo.InvariantCulture, $"lifetime {expires - issued} is longer than the replay window {options.ReplayWindow}"));
        }

        return null;
    }
}
