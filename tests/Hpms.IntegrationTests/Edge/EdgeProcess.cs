using System.Diagnostics;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Edge;

/// <summary>hpms-edge as its own process (so a test can SIGKILL it), output drained.</summary>
internal static class EdgeProcess
{
    /// <summary>Names a published hpms-edge (e.g. the trimmed single file) to test instead of the build output.</summary>
    public const string BinaryVariable = "HPMS_IT_EDGE_BIN";

    /// <summary>The program and arguments that run hpms-edge with <paramref name="args"/>.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Command(params string[] args)
    {
        string? published = Environment.GetEnvironmentVariable(BinaryVariable);
        return string.IsNullOrEmpty(published)
            ? ("dotnet", [BuildOutput(), .. args])
            : (Path.GetFullPath(published), args);
    }

    // The edge's own build output (ProductBuild): it loads Microsoft.Extensions.Hosting.dll from beside itself.
    private static string BuildOutput() => ProductBuild.Assembly(Path.Combine("edge", "Hpms.Edge"), "hpms-edge.dll");

    /// <summary>Starts hpms-edge with <paramref name="config"/>; its output lines go to <paramref name="output"/> when given.</summary>
    public static Process Start(string config, IReadOnlyDictionary<string, string> environment, Action<string>? output = null)
    {
        (string fileName, IReadOnlyList<string> arguments) = Command("--config", config);
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Forward(string? line)
        {
            if (line is not null)
            {
                output?.Invoke(line);
            }
        }
    }

    public static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
