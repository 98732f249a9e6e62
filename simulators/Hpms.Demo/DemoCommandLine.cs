using System.Globalization;

namespace Hpms.Demo;

/// <summary>hpms-demo's flags, parsed without throwing: every problem is collected and named.</summary>
public sealed record DemoCommandLine
{
    /// <summary>Gets the usage text.</summary>
    public const string Usage = """
        hpms-demo: the whole HPMS IoT system on this machine (MQTT broker, simulated hospital, edge gateway, cloud).
          --run-for SECONDS     stop after this much wall time (default: until Ctrl+C)
          --summary FILE        write a JSON summary at exit (points, events, alarms, orders, work orders, dead letters)
          --speed X             simulated seconds per wall second (default: the scenario's, 60; 1440 = a day a minute)
          --scenario FILE       scenario (default: scenarios/default-hospital.json beside hpms-demo)
          --state DIR           where the database, buffers, logs and generated secrets go (default: a new temp directory)
          --http-port N         the cloud's API and page on 127.0.0.1 (default 5080; 0 = any free port)
          --mqtt-port N         the in-process MQTT broker on 127.0.0.1 (default 18830; 0 = any free port)
          --poll-seconds N      the edge's poll interval per device (default 5)
          --influx-url URL      write time series to this InfluxDB (v1 API) instead of the embedded store
          --influx-db NAME      its database (default hpms)
        """;

    /// <summary>Gets the wall time to run, or null until stopped.</summary>
    public TimeSpan? RunFor { get; init; }

    /// <summary>Gets the summary file, or null.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets the speed override, or null for the scenario's.</summary>
    public double? Speed { get; init; }

    /// <summary>Gets the scenario file.</summary>
    public string Scenario { get; init; } = Path.Combine(AppContext.BaseDirectory, "scenarios", "default-hospital.json");

    /// <summary>Gets the state directory, or null for a new temp directory.</summary>
    public string? State { get; init; }

    /// <summary>Gets the cloud's HTTP port.</summary>
    public int HttpPort { get; init; } = 5080;

    /// <summary>Gets the broker's port.</summary>
    public int MqttPort { get; init; } = 18830;

    /// <summary>Gets the edge's poll interval.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the InfluxDB URL, or null for the embedded store.</summary>
    public string? InfluxUrl { get; init; }

    /// <summary>Gets the InfluxDB database.</summary>
    public string InfluxDatabase { get; init; } = "hpms";

    /// <summary>Gets whether usage was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>Gets the problems found (empty when valid).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">Arguments.</param>
    /// <returns>The flags, with <see cref="Errors"/> listing what was wrong.</returns>
    public static DemoCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        var result = new DemoCommandLine();
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            if (flag is "--help" or "-h")
            {
                result = result with { Help = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                errors.Add($"{flag}: unknown flag or missing value");
                break;
            }

            string value = args[++i];
            result = flag switch
            {
                "--run-for" => Positive(value, flag, errors) is { } s ? result with { RunFor = TimeSpan.FromSeconds(s) } : result,
                "--summary" => result with { Summary = value },
                "--speed" => Positive(value, flag, errors) is { } x ? result with { Speed = x } : result,
                "--scenario" => result with { Scenario = value },
                "--state" => result with { State = value },
                "--http-port" => Port(value, flag, errors) is { } h ? result with { HttpPort = h } : result,
                "--mqtt-port" => Port(value, flag, errors) is { } m ? result with { MqttPort = m } : result,
                "--poll-seconds" => Positive(value, flag, errors) is { } p ? result with { PollInterval = TimeSpan.FromSeconds(p) } : result,
                "--influx-url" => Uri.TryCreate(value, UriKind.Absolute, out _) ? result with { InfluxUrl = value.TrimEnd('/') } : Error(result, errors, $"{flag}: '{value}' is not an absolute URL"),
                "--influx-db" => result with { InfluxDatabase = value },
                _ => Error(result, errors, $"{flag}: unknown flag (see --help)"),
            };
        }

        return result with { Errors = errors };
    }

    private static DemoCommandLine Error(DemoCommandLine result, List<string> errors, string error)
    {
        errors.Add(error);
        return result;
    }

    private static double? Positive(string value, string flag, List<string> errors)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > 0 && double.IsFinite(x))
        {
            return x;
        }

        errors.Add($"{flag}: '{value}' is not a positive number");
        return null;
    }

    private static int? Port(string value, string flag, List<string> errors)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535)
        {
            return port;
        }

        errors.Add($"{flag}: '{value}' is not a port (0..65535)");
        return null;
    }
}
