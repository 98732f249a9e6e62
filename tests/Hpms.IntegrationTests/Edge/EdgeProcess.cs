using System.Diagnostics;

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
            ? ("dotnet", [Path.Combine(AppContext.BaseDirectory, "hpms-edge.dll"), .. args])
            : (Path.GetFullPath(published), args);
    }

    public static Process Start(string config, IReadOnlyDictionary<string, string> environment)
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
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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
