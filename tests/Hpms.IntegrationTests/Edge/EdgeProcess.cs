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
            ? ("dotnet", [BuildOutput(), .. args])
            : (Path.GetFullPath(published), args);
    }

    // This project runs on ASP.NET Core's shared framework (the cloud is tested in-process), so its output
    // lacks Microsoft.Extensions.Hosting.dll, which hpms-edge loads from beside itself: run the edge's own
    // build output (tests/Hpms.IntegrationTests/bin/<configuration>/<tfm>/ → edge/Hpms.Edge/bin/<configuration>/<tfm>/).
    private static string BuildOutput()
    {
        var tfm = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        DirectoryInfo configuration = tfm.Parent!;
        string root = configuration.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "edge", "Hpms.Edge", "bin", configuration.Name, tfm.Name, "hpms-edge.dll");
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
