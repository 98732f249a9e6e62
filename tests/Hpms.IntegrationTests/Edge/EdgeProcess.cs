using System.Diagnostics;

namespace Hpms.IntegrationTests.Edge;

/// <summary>hpms-edge as its own process (so a test can SIGKILL it), output drained.</summary>
internal static class EdgeProcess
{
    public static Process Start(string config, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(EdgeDll());
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

    /// <summary>
    /// The edge's own build output (its deps.json and packages), not the copy in this test folder: the test
    /// project also references the ASP.NET cloud, whose shared framework makes the build leave
    /// Microsoft.Extensions.Hosting out of this folder, which a plain console app then cannot load.
    /// <c>HPMS_EDGE_DLL</c> points elsewhere (e.g. a published binary's dll).
    /// </summary>
    public static string EdgeDll()
    {
        if (Environment.GetEnvironmentVariable("HPMS_EDGE_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var here = new DirectoryInfo(AppContext.BaseDirectory);
        string framework = here.Name;
        string configuration = here.Parent!.Name;
        for (DirectoryInfo? d = here; d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Hpms.slnx")))
            {
                return Path.Combine(d.FullName, "edge", "Hpms.Edge", "bin", configuration, framework, "hpms-edge.dll");
            }
        }

        throw new InvalidOperationException("Hpms.slnx not found above " + AppContext.BaseDirectory);
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
