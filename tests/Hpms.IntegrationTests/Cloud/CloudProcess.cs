using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Cloud;

/// <summary>
/// hpms-cloud as its own process (so a test can SIGKILL it and start it again on the same port, state folder and
/// MQTT client id), with the same test settings as <see cref="CloudApp"/>. Its output is kept for failure messages.
/// </summary>
public sealed class CloudProcess : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private CloudProcess(string directory, List<string> arguments, IReadOnlyDictionary<string, string> environment, int port)
    {
        _directory = directory;
        _arguments = arguments;
        _environment = environment;
        Address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    /// <summary>Gets the base address (fixed across restarts).</summary>
    public Uri Address { get; }

    /// <summary>Gets whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Gets the last lines the process wrote (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.Length > 4000 ? _output.ToString(_output.Length - 4000, 4000) : _output.ToString();
            }
        }
    }

    /// <summary>Starts hpms-cloud with <paramref name="settings"/> (keys <c>Section:Key</c>) and <paramref name="environment"/>, and waits for /health.</summary>
    public static async Task<CloudProcess> StartAsync(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> environment)
    {
        string directory = Directory.CreateTempSubdirectory("hpms-cloud-proc-").FullName;
        int port = LoopbackPort.Free();
        (List<string> args, _) = await CloudApp.ArgumentsAsync(settings, directory, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var cloud = new CloudProcess(directory, args, environment, port);
        await cloud.StartAgainAsync();
        return cloud;
    }

    /// <summary>Starts the process again with the same command line (after <see cref="Kill"/>), and waits for /health.</summary>
    public async Task StartAgainAsync()
    {
        string dll = ProductBuild.Assembly(Path.Combine("cloud", "Hpms.Cloud"), "hpms-cloud.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (string argument in _arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using HttpResponseMessage response = await http.GetAsync("health");
                    return response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return _process.HasExited ? throw new InvalidOperationException("hpms-cloud exited at start: " + Output, ex) : false;
                }
            },
            TimeSpan.FromSeconds(60),
            () => "hpms-cloud did not answer /health: " + Output);
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye to the broker.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>The cloud's /metrics, or null while it is down.</summary>
    public Task<IReadOnlyDictionary<string, double>?> MetricsAsync() => MetricsScrape.TryReadAsync(new Uri(Address, "metrics"));

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 64_000)
            {
                _output.Remove(0, 32_000);
            }
        }
    }
}
