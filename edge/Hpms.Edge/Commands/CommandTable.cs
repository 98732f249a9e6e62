using System.Globalization;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.RegisterMaps;

namespace Hpms.Edge.Commands;

/// <summary>
/// Which commands each device class accepts and which register-map points they write: the
/// authorisation table. A command not listed for the device's class is refused
/// (<see cref="CommandErrorCodes.UnknownCommand"/>); values are checked against the map's range before
/// anything is written.
/// </summary>
public static class CommandTable
{
    private static readonly Dictionary<string, CommandDefinition[]> s_byClass = new(StringComparer.Ordinal)
    {
        ["smart-supply-cabinet"] =
        [
            new("unlock", "none: releases the lock for one access (refused by the cabinet in lockdown)", (_, map) => Writes(map, ("lock.unlock", 1))),
            new("lockdown", "on: 1 (default) locks down, 0 lifts it", (args, map) => Flag(args, map, "on", "lock.lockdown")),
            new("light", "bin: 1..24; on: 1 (default) lights the bin's pick light, 0 turns it off", Light),
        ],
        ["cold-chain-fridge"] =
        [
            new("set-limits", "high, low (°C), delay (s): at least one", (args, map) => Values(args, map, ("high", "setpoint.high"), ("low", "setpoint.low"), ("delay", "alarm.delay-seconds"))),
            new("reset-minmax", "none: clears the min/max memory", (_, map) => Writes(map, ("minmax.reset", 1))),
        ],
        ["air-handling-unit"] =
        [
            new("setpoint", "temperature (°C), humidity (%RH), pressure (Pa): at least one", (args, map) => Values(args, map, ("temperature", "supply.temperature.setpoint"), ("humidity", "supply.humidity.setpoint"), ("pressure", "room.pressure.setpoint"))),
            new("fan", "on: 1 (default) runs the fan, 0 stops it", (args, map) => Flag(args, map, "on", "fan.command")),
        ],
        ["medical-gas-panel"] =
        [
            new("set-limits", "high, low (kPa): at least one", (args, map) => Values(args, map, ("high", "o2.pressure.high-limit"), ("low", "o2.pressure.low-limit"))),
        ],
        ["occupancy-counter"] =
        [
            new("set-capacity", "value (people)", (args, map) => Values(args, map, ("value", "capacity"))),
            new("reset-counters", "none", (_, map) => Writes(map, ("counters.reset", 1))),
        ],
    };

    /// <summary>Gets the commands of every class (for documentation and tests).</summary>
    public static IReadOnlyDictionary<string, CommandDefinition[]> ByClass => s_byClass;

    /// <summary>Plans a command on a device of a class.</summary>
    /// <param name="deviceClass">The device's class (its map's <see cref="RegisterMap.DeviceClass"/>).</param>
    /// <param name="map">The device's map.</param>
    /// <param name="command">The validated command.</param>
    /// <returns>The writes, or why not.</returns>
    public static CommandPlan Plan(string deviceClass, RegisterMap map, DeviceCommand command)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(command);
        CommandDefinition? definition = s_byClass.TryGetValue(deviceClass, out CommandDefinition[]? commands)
            ? Array.Find(commands, c => string.Equals(c.Name, command.Name, StringComparison.Ordinal))
            : null;
        return definition is null
            ? CommandPlan.Refuse(CommandErrorCodes.UnknownCommand, $"{deviceClass} devices take no '{command.Name}' command")
            : definition.Plan(command.Args, map);
    }

    private static CommandPlan Light(IReadOnlyDictionary<string, CommandArgument> args, RegisterMap map)
    {
        if (!args.TryGetValue("bin", out CommandArgument bin) || bin.IsText || bin.Number != Math.Floor(bin.Number) || bin.Number is < 1 or > 99)
        {
            return CommandPlan.Refuse(CommandErrorCodes.BadRequest, "args.bin: a bin number is required");
        }

        string point = string.Create(CultureInfo.InvariantCulture, $"bin{(int)bin.Number:00}.pick-light");
        return Flag(args, map, "on", point);
    }

    private static CommandPlan Flag(IReadOnlyDictionary<string, CommandArgument> args, RegisterMap map, string argument, string point)
    {
        double on = 1;
        if (args.TryGetValue(argument, out CommandArgument value))
        {
            if (value.IsText || value.Number is not (0 or 1))
            {
                return CommandPlan.Refuse(CommandErrorCodes.BadRequest, $"args.{argument}: must be 0 or 1");
            }

            on = value.Number;
        }

        return Writes(map, (point, on));
    }

    private static CommandPlan Values(IReadOnlyDictionary<string, CommandArgument> args, RegisterMap map, params (string Argument, string Point)[] bindings)
    {
        List<(string, double)> writes = [];
        foreach ((string argument, string point) in bindings)
        {
            if (!args.TryGetValue(argument, out CommandArgument value))
            {
                continue;
            }

            if (value.IsText)
            {
                return CommandPlan.Refuse(CommandErrorCodes.BadRequest, $"args.{argument}: must be a number");
            }

            writes.Add((point, value.Number));
        }

        return writes.Count == 0
            ? CommandPlan.Refuse(CommandErrorCodes.BadRequest, "args: needs at least one of " + string.Join(", ", bindings.Select(b => b.Argument)))
            : Writes(map, [.. writes]);
    }

    private static CommandPlan Writes(RegisterMap map, params (string Point, double Value)[] writes)
    {
        List<PointWrite> plan = new(writes.Length);
        Span<ushort> scratch = stackalloc ushort[8];
        foreach ((string name, double value) in writes)
        {
            if (!map.TryGetPoint(name, out RegisterPoint? point) || !point.IsWritable || !point.Table.IsWritable())
            {
                return CommandPlan.Refuse(CommandErrorCodes.UnknownCommand, $"the map {map.SourceName} has no writable point {name}");
            }

            if (point.RegisterCount > scratch.Length)
            {
                return CommandPlan.Refuse(CommandErrorCodes.UnknownCommand, $"point {name} is too wide for a command");
            }

            // Range (the map's min/max) and encodability are checked here so a refused value writes nothing at all.
            Hpms.Protocols.Registers.RegisterCodecStatus status = point.TryEncode(value, scratch[..point.RegisterCount]);
            if (status != Hpms.Protocols.Registers.RegisterCodecStatus.Ok)
            {
                return CommandPlan.Refuse(CommandErrorCodes.BadRequest, string.Create(CultureInfo.InvariantCulture, $"{name}: {value} is refused ({status}; range {point.Min}..{point.Max} {point.Unit})"));
            }

            plan.Add(new PointWrite(point, value));
        }

        return CommandPlan.Run(plan);
    }
}
