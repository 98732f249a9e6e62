using System.Globalization;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;

namespace Hpms.Edge.Commands;

/// <summary>
/// The cloud's cabinet commands as an MQTT-native cabinet takes them (no I/O): <c>unlock</c> (args
/// <c>badge</c>, <c>seconds</c> 1..300, default 10), <c>lockdown</c> (<c>on</c> 0/1, default 1),
/// <c>light</c> (<c>bin</c> 1..24; such a cabinet can only light a bin, so <c>on: 0</c> is refused); and
/// the cabinet's reply as the command's <see cref="CommandExecution"/>.
/// </summary>
public static class CabinetCommandPlanner
{
    /// <summary>Error of a reply the gateway makes up when the building broker is not connected.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>Seconds the lock stays released when the command names none.</summary>
    public const int DefaultUnlockSeconds = 10;

    private const int MaxUnlockSeconds = 300;
    private const int MaxBin = 24;

    /// <summary>Plans a validated cloud command for a cabinet.</summary>
    /// <param name="command">The command (signature, expiry and topic already checked).</param>
    /// <param name="cabinetCommand">The message to send, when planned.</param>
    /// <param name="values">What the reply reports as done, when planned.</param>
    /// <returns>Null when planned, else why not.</returns>
    public static CommandRefusal? Plan(DeviceCommand command, out CabinetCommand? cabinetCommand, out IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(command);
        cabinetCommand = null;
        values = new Dictionary<string, double>();
        IReadOnlyDictionary<string, CommandArgument> args = command.Args;
        switch (command.Name)
        {
            case CabinetCommandNames.Unlock:
                if (Integer(args, "badge", 0, 0, long.MaxValue, out long badge) is { } badBadge)
                {
                    return badBadge;
                }

                if (Integer(args, "seconds", DefaultUnlockSeconds, 1, MaxUnlockSeconds, out long seconds) is { } badSeconds)
                {
                    return badSeconds;
                }

                cabinetCommand = new CabinetCommand(command.Id, CabinetCommandNames.Unlock, command.ExpiresUnixMs, Badge: badge, Seconds: (int)seconds);
                values = new Dictionary<string, double>(StringComparer.Ordinal) { ["lock.unlock"] = 1, ["seconds"] = seconds };
                return null;
            case CabinetCommandNames.Lockdown:
                if (Integer(args, "on", 1, 0, 1, out long on) is { } badOn)
                {
                    return badOn;
                }

                cabinetCommand = new CabinetCommand(command.Id, CabinetCommandNames.Lockdown, command.ExpiresUnixMs, On: on == 1);
                values = new Dictionary<string, double>(StringComparer.Ordinal) { ["lock.lockdown"] = on };
                return null;
            case CabinetCommandNames.Light:
                if (!args.ContainsKey("bin"))
                {
                    return new(CommandErrorCodes.BadRequest, "args.bin: a bin number is required");
                }

                if (Integer(args, "bin", 0, 1, MaxBin, out long bin) is { } badBin)
                {
                    return badBin;
                }

                if (Integer(args, "on", 1, 1, 1, out _) is not null)
                {
                    return new(CommandErrorCodes.BadRequest, "args.on: an MQTT cabinet's pick lights can only be lit (on: 1)");
                }

                cabinetCommand = new CabinetCommand(command.Id, CabinetCommandNames.Light, command.ExpiresUnixMs, Bins: [(int)bin]);
                values = new Dictionary<string, double>(StringComparer.Ordinal) { [string.Create(CultureInfo.InvariantCulture, $"bin{bin:00}.pick-light")] = 1 };
                return null;
            default:
                return new(CommandErrorCodes.UnknownCommand, $"MQTT cabinets take no '{command.Name}' command");
        }
    }

    /// <summary>The cabinet's reply as the outcome of the command.</summary>
    /// <param name="reply">The reply.</param>
    /// <param name="values">What the plan reports as done.</param>
    /// <returns>The execution: no refusal when the cabinet carried it out.</returns>
    public static CommandExecution ToExecution(CabinetCommandReply reply, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Ok)
        {
            return new CommandExecution(null, values);
        }

        string code = reply.Error switch
        {
            CabinetCommandErrors.BadRequest or CabinetCommandErrors.BadBin => CommandErrorCodes.BadRequest,
            CabinetCommandErrors.UnknownCommand => CommandErrorCodes.UnknownCommand,
            CabinetCommandErrors.Expired => CommandErrorCodes.Expired,
            CabinetCommandErrors.Duplicate => CommandErrorCodes.Replayed,
            _ => CommandErrorCodes.DeviceError,
        };
        return new CommandExecution(new CommandRefusal(code, $"cabinet refused ({reply.Error}): {reply.Reason}"), new Dictionary<string, double>());
    }

    private static CommandRefusal? Integer(IReadOnlyDictionary<string, CommandArgument> args, string name, long fallback, long min, long max, out long value)
    {
        value = fallback;
        if (!args.TryGetValue(name, out CommandArgument argument))
        {
            return null;
        }

        if (argument.IsText || argument.Number != Math.Floor(argument.Number) || argument.Number < min || argument.Number > max)
        {
            return new(CommandErrorCodes.BadRequest, string.Create(CultureInfo.InvariantCulture, $"args.{name}: must be a whole number {min}..{max}"));
        }

        value = (long)argument.Number;
        return null;
    }
}
