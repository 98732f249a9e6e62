using System.Globalization;

namespace Hpms.Benchmarks;

/// <summary>Command line of the Modbus benchmark: which suites, how long each run, where the libmodbus peers are.</summary>
internal sealed class BenchmarkOptions
{
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    public string LibmodbusBin { get; private set; } = Path.Combine("benchmarks", "out");

    public HashSet<string> Suites { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? JsonOut { get; private set; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    options.Duration = TimeSpan.FromSeconds(Math.Clamp(double.Parse(args[++i], CultureInfo.InvariantCulture), 0.5, 120));
                    break;
                case "--libmodbus-bin":
                    options.LibmodbusBin = args[++i];
                    break;
                case "--json":
                    options.JsonOut = args[++i];
                    break;
                default:
                    options.Suites.Add(args[i]);
                    break;
            }
        }

        if (options.Suites.Count == 0 || options.Suites.Contains("all"))
        {
            options.Suites.UnionWith(["codec", "tcp", "rtu-pty", "rtu-paced"]);
        }

        return options;
    }
}
