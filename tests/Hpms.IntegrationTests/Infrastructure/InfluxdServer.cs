using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// A real influxd (Debian's 1.6) on 127.0.0.1 and a free port, with its data in a temp folder. Stoppable and
/// startable again on the same port and data (fault tests).
/// </summary>
public sealed class InfluxdServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/influxd";

    private readonly string _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    private InfluxdServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public static async Task<InfluxdServer> StartAsync(string database)
    {
        string directory = Directory.CreateTempSubdirectory("hpms-influxd-").FullName;
        int port = LoopbackPort.Free();
        int rpc = LoopbackPort.Free();
        string config = Path.Combine(directory, "influxd.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpc}"
            [meta]
              dir = "{directory}/meta"
            [data]
              dir = "{directory}/data"
              wal-dir = "{directory}/wal"
              query-log-enabled = false
            [http]
              enabled = true
              bind-address = "127.0.0.1:{port}"
              log-enabled = false
            [monitor]
              store-enabled = false
            [continuous_queries]
              enabled = false
            """);
        var server = new InfluxdServer(directory, port);
        await server.StartAgainAsync();
        await server.QueryAsync($"CREATE DATABASE \"{database}\"");
        return server;
    }

    /// <summary>Kills influxd (SIGKILL; its WAL keeps what it acknowledged). Writers see connections refused.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts influxd (again) on the same port and data, and waits for /ping.</summary>
    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-config");
        info.ArgumentList.Add(Path.Combine(_directory, "influxd.conf"));
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(async () => await PingAsync(), TimeSpan.FromSeconds(30), () => "influxd did not answer /ping");
    }

    /// <summary>Runs an InfluxQL statement and returns the JSON answer (epoch=ms).</summary>
    public async Task<JsonDocument> QueryAsync(string query, string? database = null)
    {
        string url = $"{Url}query?epoch=ms&q={Uri.EscapeDataString(query)}" + (database is null ? string.Empty : "&db=" + Uri.EscapeDataString(database));
        using HttpResponseMessage response = await _http.PostAsync(url, null);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{query}: HTTP {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri(Url, "ping"));
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
