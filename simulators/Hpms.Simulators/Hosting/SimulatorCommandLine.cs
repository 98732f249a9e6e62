using System.Globalization;

namespace Hpms.Simulators.Hosting;

/// <summary>hpms-sim's command line, parsed and checked; problems are listed, never thrown.</summary>
public sealed class SimulatorCommandLine
{
    /// <summary>Gets the usage text.</summary>
    public const string Usage = """
        hpms-sim — hospital devices as real Modbus TCP/RTU slaves and MQTT clients, driven by a scenario.

        usage: hpms-sim [--scenario FILE] [options]
          --scenario FILE       scenario to run (default: scenarios/default-hospital.json beside hpms-sim)
          --devices DIR         register maps (default: devices/ beside hpms-sim)
          --run-for SECONDS     stop after this much wall time (default: until Ctrl+C)
          --speed X             simulated seconds per wall second (overrides the scenario)
          --ground-truth FILE   write every served value change, stock movement, event and fault (JSON lines)
          --manifest FILE       write where every endpoint and device is (ports, pty paths, unit ids)
          --ephemeral-ports     listen on free ports instead of the scenario's (see the manifest)
          --run-dir DIR         where relative pty paths go (default: /tmp/hpms-sim)
          --check               load and validate the scenario, then exit (0 valid, 2 invalid)
          --list                list device classes and the events each accepts (Markdown), then exit
          --log-level LEVEL     Verbose|Debug|Information|Warning|Error (default Information)
        """;

    /// <summary>Gets the scenario path.</summary>
    public string Scenario { get; private set; } = Path.Combine(AppContext.BaseDirectory, "scenarios", "default-hospital.json");

    /// <summary>Gets the maps folder.</summary>
    public string Devices { get; private set; } = Path.Combine(AppContext.BaseDirectory, "devices");

    /// <summary>Gets the wall time to run, or null.</summary>
    public TimeSpan? RunFor { get; private set; }

    /// <summary>Gets the speed override.</summary>
    public double? Speed { get; private set; }

    /// <summary>Gets the ground-truth file.</summary>
    public string? GroundTruth { get; private set; }

    /// <summary>Gets the manifest file.</summary>
    public string? Manifest { get; private set; }

    /// <summary>Gets a value indicating whether to use free ports.</summary>
    public bool EphemeralPorts { get; private set; }

    /// <summary>Gets the pty folder.</summary>
    public string RunDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "hpms-sim");

    /// <summary>Gets a value indicating whether only to validate.</summary>
    public bool CheckOnly { get; private set; }

    /// <summary>Gets a value indicating whether to list the device classes.</summary>
    public bool List { get; private set; }

    /// <summary>Gets a value indicating whether help was asked for.</summary>
    public bool Help { get; private set; }

    /// <summary>Gets the log level.</summary>
    public Serilog.Events.LogEventLevel LogLevel { get; private set; } = Serilog.Events.LogEventLevel.Information;

    /// <summary>Gets the problems found.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Parses arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The command line (check <see cref="Errors"/>).</returns>
    public static SimulatorCommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cl = new SimulatorCommandLine();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Length)
                {
                    return args[++i];
                }

                cl.Errors.Add($"{arg}: needs a value.");
                return null;
            }

            switch (arg)
            {
                case "--scenario": cl.Scenario = Value() ?? cl.Scenario; break;
                case "--devices": cl.Devices = Value() ?? cl.Devices; break;
                case "--run-for": cl.RunFor = cl.Seconds(arg, Value()) is double s ? TimeSpan.FromSeconds(s) : null; break;
                case "--speed": cl.Speed = cl.Seconds(arg, Value()); break;
                case "--ground-truth": cl.GroundTruth = Value(); break;
                case "--manifest": cl.Manifest = Value(); break;
                case "--ephemeral-ports": cl.EphemeralPorts = true; break;
                case "--run-dir": cl.RunDirectory = Value() ?? cl.RunDirectory; break;
                case "--check": cl.CheckOnly = true; break;
                case "--list": cl.List = true; break;
                case "-h" or "--help": cl.Help = true; break;
                case "--log-level":
                    string? level = Value();
                    if (level is not null && Enum.TryParse(level, ignoreCase: true, out Serilog.Events.LogEventLevel parsed) && !char.IsDigit(level[0]))
                    {
                        cl.LogLevel = parsed;
                    }
                    else if (level is not null)
                    {
                        cl.Errors.Add($"--log-level: '{level}' is not Verbose, Debug, Information, Warning or Error.");
                    }

                    break;
                default: cl.Errors.Add($"{arg}: unknown option (see --help)."); break;
            }
        }

        return cl;
    }

    private double? Seconds(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        Errors.Add($"{option}: '{text}' must be a positive number.");
        return null;
    }
}
