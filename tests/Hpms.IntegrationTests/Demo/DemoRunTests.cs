using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Demo;

/// <summary>
/// The README's run command as a user runs it: <c>hpms-demo --run-for 90 --summary s.json</c> from its own build
/// output, as its own process, on free ports. The default scenario must yield telemetry, at least one
/// replenishment order and one work order, and no dead letters; the cloud answers while it runs.
/// </summary>
public sealed class DemoRunTests
{
    [PeerFact(PeerTool.Socat)]
    public async Task DemoCommand_DefaultScenarioFor90Seconds_SummaryShowsPointsOrdersWorkOrdersAndNoDeadLetters()
    {
        using var state = new TemporaryDirectory("hpms-demo-it-");
        string summaryFile = Path.Combine(state.Path, "s.json");

        (int exit, string output) = await RunAsync(state.Path, ["--run-for", "90", "--summary", summaryFile], async url =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("ready", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("api/workorders", UriKind.Relative))).StatusCode);
        });

        Assert.True(exit == 0, output);
        using JsonDocument summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile));
        JsonElement root = summary.RootElement;
        Assert.True(root.GetProperty("points").GetInt64() > 0, output);
        Assert.Equal(126, root.GetProperty("devices").GetInt64());
        Assert.Equal(1, root.GetProperty("gateways").GetInt64()); // its health series, every 30 s
        Assert.True(root.GetProperty("ordersTotal").GetInt64() >= 1, output);
        Assert.True(root.GetProperty("workOrdersTotal").GetInt64() >= 1, output);
        Assert.Equal(0, root.GetProperty("deadLetters").GetInt64());
        Assert.Equal(0, root.GetProperty("brokerRefusals").GetInt64());
        Assert.Equal("embedded", root.GetProperty("timeSeriesSink").GetString());

        // Secrets are made per run and readable only by the user; the embedded store holds the telemetry.
        string credentials = Path.Combine(state.Path, "state", "secrets", "credentials.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(state.Path, "state", "cloud", "ingest", "timeseries"), "*.lp"));
    }

    [Fact]
    public async Task DemoCommand_WithoutSocat_ServesTheSerialLinesAsRtuOverTcpAndPollsEveryDevice()
    {
        using var state = new TemporaryDirectory("hpms-demo-it-");
        string summaryFile = Path.Combine(state.Path, "s.json");

        // A PATH without socat: the demo must not need it (fresh machine) and says what it did instead.
        (int exit, string output) = await RunAsync(state.Path, ["--run-for", "20", "--summary", summaryFile], _ => Task.CompletedTask, path: state.Path);

        Assert.True(exit == 0, output);
        Assert.Contains("socat is not installed", output, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile));
        Assert.Equal(126, summary.RootElement.GetProperty("devices").GetInt64());
        Assert.Equal(0, summary.RootElement.GetProperty("deadLetters").GetInt64());
        string config = await File.ReadAllTextAsync(Path.Combine(state.Path, "state", "edge", "gateway.json"));
        Assert.Contains("\"RtuOverTcp\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ModbusRtu\"", config, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string directory, string[] args, Func<string, Task> whileRunning, string? path = null)
    {
        var info = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { BuildOutput(), "--state", Path.Combine(directory, "state"), "--http-port", "0", "--mqtt-port", "0" }.Concat(args))
        {
            info.ArgumentList.Add(argument);
        }

        if (path is not null)
        {
            info.Environment["PATH"] = path;
        }

        var lines = new ConcurrentQueue<string>();
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using Process process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lines.Enqueue(e.Data);
            int at = e.Data.IndexOf("http://", StringComparison.Ordinal);
            if (e.Data.Contains("Technician and operator page", StringComparison.Ordinal) && at >= 0)
            {
                url.TrySetResult(e.Data[at..].Replace("/app", "/", StringComparison.Ordinal).Trim());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        try
        {
            Task started = await Task.WhenAny(url.Task, process.WaitForExitAsync(deadline.Token));
            if (started == url.Task)
            {
                await whileRunning(await url.Task);
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, string.Join('\n', lines));
    }

    // The test output runs on the shared frameworks the tests need; the demo runs from its own build output
    // (tests/Hpms.IntegrationTests/bin/<configuration>/<tfm>/ → simulators/Hpms.Demo/bin/<configuration>/<tfm>/).
    private static string BuildOutput()
    {
        var tfm = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        DirectoryInfo configuration = tfm.Parent!;
        string root = configuration.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "simulators", "Hpms.Demo", "bin", configuration.Name, tfm.Name, "hpms-demo.dll");
    }

    private static string DotnetHost() => Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
