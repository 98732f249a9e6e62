namespace Hpms.Edge.Hosting;

/// <summary>
/// hpms-edge's own flags, taken out before the rest goes to .NET configuration (so
/// <c>--Gateway:Id=b1</c> still overrides a setting): <c>--config FILE</c> and <c>--once</c>.
/// </summary>
/// <param name="ConfigFile">An extra JSON configuration file, or null.</param>
/// <param name="Once">Poll every device once, print line protocol, exit.</param>
/// <param name="Remaining">Arguments for the configuration system.</param>
public sealed record EdgeCommandLine(string? ConfigFile, bool Once, string[] Remaining)
{
    /// <summary>Splits the arguments.</summary>
    /// <param name="args">The process arguments.</param>
    /// <returns>The parsed flags.</returns>
    public static EdgeCommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? config = null;
        bool once = false;
        List<string> rest = [];
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                config = args[++i];
            }
            else if (args[i] == "--once")
            {
                once = true;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return new EdgeCommandLine(config, once, [.. rest]);
    }
}
