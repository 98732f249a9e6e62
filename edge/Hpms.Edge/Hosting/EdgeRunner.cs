using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Hosting;

/// <summary>Runs the gateway, or a one-shot commissioning poll; turns a refused configuration into exit code 2.</summary>
public static class EdgeRunner
{
    /// <summary>Runs.</summary>
    /// <param name="host">The built host.</param>
    /// <param name="commandLine">hpms-edge's flags.</param>
    /// <param name="output">Where <c>--once</c> prints.</param>
    /// <returns>The exit code: 0, 1 (failed), 2 (configuration refused).</returns>
    public static async Task<int> RunAsync(IHost host, EdgeCommandLine commandLine, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(commandLine);
        try
        {
            if (commandLine.Once)
            {
                return await OnceCommand.RunAsync(host.Services, output, CancellationToken.None).ConfigureAwait(false);
            }

            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"hpms-edge: the configuration is refused ({ex.Failures.Count()} problem(s)):").ConfigureAwait(false);
            foreach (string failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync("  " + failure).ConfigureAwait(false);
            }

            return 2;
        }
    }
}
