using System.Globalization;
using System.Text.Json;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Commands;

/// <summary>
/// The commands the API sends, named and shaped exactly as the edge's authorisation table
/// (<c>edge/Hpms.Edge/Commands/CommandTable.cs</c>) accepts them, so a request the cloud lets through is one
/// the gateway can run; the gateway still checks values against the device's register map. Pure: no I/O.
/// </summary>
public static class CommandCatalog
{
    private const string Cabinet = "smart-supply-cabinet";
    private const string Fridge = "cold-chain-fridge";
    private const string AirHandler = "air-handling-unit";
    private const string GasPanel = "medical-gas-panel";
    private const string Occupancy = "occupancy-counter";

    private static readonly CommandSpec[] s_all =
    [
        new("unlock", [Cabinet], [CommandArgumentSpec.Text("badge")], false, "Releases the cabinet's lock for one access; badge is recorded in the signed envelope and the audit log."),
        new("lockdown", [Cabinet], [CommandArgumentSpec.Flag("on")], false, "on: 1 (default) locks the cabinet down, 0 lifts it."),
        new("light", [Cabinet], [CommandArgumentSpec.Number("bin", required: true, min: 1, max: 99, whole: true), CommandArgumentSpec.Flag("on")], false, "Lights (on: 1, default) or clears (0) one bin's pick light."),
        new("setpoint", [AirHandler], [CommandArgumentSpec.Number("temperature"), CommandArgumentSpec.Number("humidity"), CommandArgumentSpec.Number("pressure")], true, "Supply temperature (°C), humidity (%RH) and room pressure (Pa) setpoints: at least one."),
        new("fan", [AirHandler], [CommandArgumentSpec.Flag("on")], false, "Runs (1, default) or stops (0) the fan."),
        new("set-limits", [Fridge, GasPanel], [CommandArgumentSpec.Number("high"), CommandArgumentSpec.Number("low"), CommandArgumentSpec.Number("delay", min: 0, whole: true)], true, "Alarm limits: high, low (fridge °C, gas kPa), delay (s, fridges only): at least one."),
        new("reset-minmax", [Fridge], [], false, "Clears the fridge's min/max memory."),
        new("set-capacity", [Occupancy], [CommandArgumentSpec.Number("value", required: true, min: 0, whole: true)], false, "Room capacity (people)."),
        new("reset-counters", [Occupancy], [], false, "Resets the people counters."),
    ];

    /// <summary>Gets every command.</summary>
    public static IReadOnlyList<CommandSpec> All => s_all;

    /// <summary>Finds a command by name.</summary>
    /// <param name="name">Command name.</param>
    /// <returns>The spec, or null.</returns>
    public static CommandSpec? Find(string name) => Array.Find(s_all, c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Turns JSON arguments into envelope arguments, checking names, types, ranges and presence. Errors
    /// name the field as <c>args.&lt;name&gt;</c>.
    /// </summary>
    /// <param name="spec">The command.</param>
    /// <param name="args">The request's <c>args</c> (null when absent).</param>
    /// <param name="error">The field and what is wrong, when invalid.</param>
    /// <returns>The arguments, or null when invalid.</returns>
    public static IReadOnlyDictionary<string, CommandArgument>? Bind(CommandSpec spec, IReadOnlyDictionary<string, JsonElement>? args, out (string Field, string Message)? error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var bound = new Dictionary<string, CommandArgument>(StringComparer.Ordinal);
        foreach ((string name, JsonElement value) in args ?? new Dictionary<string, JsonElement>())
        {
            CommandArgumentSpec? argument = spec.Arguments.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
            if (argument is null)
            {
                error = ("args." + name, spec.Arguments.Count == 0
                    ? $"{spec.Name} takes no arguments"
                    : $"{spec.Name} takes only {string.Join(", ", spec.Arguments.Select(a => a.Name))}");
                return null;
            }

            if (BindOne(argument, value) is not { } converted)
            {
                error = ("args." + name, Describe(argument));
                return null;
            }

            bound[name] = converted;
        }

        if (spec.Arguments.FirstOrDefault(a => a.Required && !bound.ContainsKey(a.Name)) is { } missing)
        {
            error = ("args." + missing.Name, "is required: " + Describe(missing));
            return null;
        }

        if (spec.NeedsOneArgument && bound.Count == 0)
        {
            error = ("args", "needs at least one of " + string.Join(", ", spec.Arguments.Select(a => a.Name)));
            return null;
        }

        error = null;
        return bound;
    }

    private static CommandArgument? BindOne(CommandArgumentSpec spec, JsonElement value)
    {
        if (spec.IsText)
        {
            return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= EnvelopeCodec.MaxNameLength } text && !text.Any(char.IsControl)
                ? CommandArgument.Of(text)
                : null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number)
            || number < spec.Min || number > spec.Max || (spec.Whole && number != Math.Floor(number)))
        {
            return null;
        }

        return CommandArgument.Of(number);
    }

    private static string Describe(CommandArgumentSpec spec)
    {
        if (spec.IsText)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a text of 1..{EnvelopeCodec.MaxNameLength} characters");
        }

        string kind = spec.Whole ? "a whole number" : "a number";
        return (spec.Min, spec.Max) switch
        {
            (double.MinValue, double.MaxValue) => kind,
            (double min, double.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"{kind} ≥ {min}"),
            (double min, double max) => string.Create(CultureInfo.InvariantCulture, $"{kind} within {min}..{max}"),
        };
    }
}
