using System.Diagnostics;

namespace Hpms.IntegrationTests.Edge;

/// <summary>hpms-edge as its own process (so a test can SIGKILL it), output drained.</summary>
internal static class EdgeProcess
{
    public static Process Start(string config, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hpms-edge.dll"));
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);
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
