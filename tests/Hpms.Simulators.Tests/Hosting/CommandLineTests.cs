using System.Diagnostics;
using Hpms.Simulators.Hosting;

namespace Hpms.Simulators.Tests.Hosting;

/// <summary>hpms-sim as a process: refusals with exit code 2 and every problem, and the README kept true.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hpms-sim.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Check_ShippedScenarios_AreValid()
    {
        foreach (string name in new[] { "default-hospital.json", "large-hospital.json" })
        {
            (int exit, string output, string error) = await RunAsync("--check", "--scenario", Path.Combine(AppContext.BaseDirectory, "scenarios", name));
            Assert.True(exit == 0, error);
            Assert.Contains("valid", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_BrokenScenario_ExitsTwo_ListingEveryProblemWithFileAndEntry()
    {
        string file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            { "name": "broken", "site": "s", "time": { "start": "2026-11-23T06:00:00+08:00" },
              "endpoints": [{ "id": "tcp", "kind": "modbus-tcp", "port": 0 }],
              "devices": [{ "id": "f1", "class": "cold-chain-fridge", "endpoint": "tcp", "settings": { "kind": "wine-cooler" } },
                          { "id": "f2", "class": "fridge", "endpoint": "tcp" }] }
            """);
        try
        {
            (int exit, _, string error) = await RunAsync("--check", "--scenario", file);
            Assert.Equal(2, exit);
            string name = Path.GetFileName(file);
            Assert.Contains($"{name}.devices[0] (f1).settings.kind", error, StringComparison.Ordinal);
            Assert.Contains($"{name}.devices[1] (f2).class: unknown device class 'fridge'", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UnknownOption_ExitsTwo()
    {
        (int exit, _, string error) = await RunAsync("--sped", "10");
        Assert.Equal(2, exit);
        Assert.Contains("--sped: unknown option", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ShowsTheCurrentClassAndEventTable()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "Hpms.slnx")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        Assert.NotNull(folder);
        string readme = File.ReadAllText(Path.Combine(folder, "simulators", "README.md")).ReplaceLineEndings("\n");
        Assert.Contains(DeviceClassList.Markdown().ReplaceLineEndings("\n"), readme, StringComparison.Ordinal);
    }
}
