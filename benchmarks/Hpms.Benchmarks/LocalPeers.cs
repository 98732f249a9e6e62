using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hpms.Benchmarks;

/// <summary>
/// The real servers the edge and cloud benchmarks run against, started on this machine on free loopback
/// ports in a work folder: mosquitto (anonymous, unbounded queues, no persistence) and influxd (1.x, database
/// <c>bench</c>), plus the raw single-writer ingest of that influxd that both benchmarks take as reference.
/// </summary>
internal static class LocalPeers
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts mosquitto on a free port.</summary>
    public static async Task<(Process Process, int Port)> StartMosquittoAsync(string work)
    {
        int port = FreePort();
        string config = Path.Combine(work, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\npersistence false\nuser root\nset_tcp_nodelay true\nmax_inflight_messages 1000\n");
        Process mosquitto = PeerProcess.Start("/usr/sbin/mosquitto", "-c", config);
        _ = mosquitto.StandardOutput.ReadToEndAsync();
        _ = mosquitto.StandardError.ReadToEndAsync();
        await WaitForAsync(() => Listening(port), TimeSpan.FromSeconds(30), "mosquitto");
        return (mosquitto, port);
    }

    /// <summary>Starts influxd on a free port with an empty database <c>bench</c>.</summary>
    public static async Task<(Process Process, int Port)> StartInfluxdAsync(string work)
    {
        int port = FreePort();
        int rpc = FreePort();
        string dir = Path.Combine(work, "influxd");
        string config = Path.Combine(work, "influxd.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpc}"
            [meta]
              dir = "{dir}/meta"
            [data]
              dir = "{dir}/data"
              wal-dir = "{dir}/wal"
              query-log-enabled = false
            [http]
              enabled = true
              bind-address = "127.0.0.1:{port}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
        Process influxd = PeerProcess.Start("/usr/bin/influxd", "-config", config);
        _ = influxd.StandardOutput.ReadToEndAsync();
        _ = influxd.StandardError.ReadToEndAsync();
        await WaitForAsync(() => Ping(port), TimeSpan.FromSeconds(30), "influxd /ping");
        await InfluxQueryAsync(port, "CREATE DATABASE bench", post: true);
        return (influxd, port);
    }

    /// <summary>Runs an InfluxQL statement (on <paramref name="database"/>) and returns the JSON answer.</summary>
    public static async Task<string> InfluxQueryAsync(int port, string query, bool post = false, string database = "bench")
    {
        var uri = new Uri($"http://127.0.0.1:{port}/query?db={database}&q={Uri.EscapeDataString(query)}");
        using HttpResponseMessage response = post ? await s_http.PostAsync(uri, null) : await s_http.GetAsync(uri);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The reference: one writer posting line protocol to database <c>bench</c> as fast as influxd takes it,
    /// request after request, for <paramref name="duration"/> (at most 1,000 requests).
    /// </summary>
    /// <param name="port">influxd's port.</param>
    /// <param name="duration">How long.</param>
    /// <param name="fillRequest">Writes the body of request n and returns how many units (lines, points) it holds.</param>
    /// <returns>Units per second accepted.</returns>
    public static async Task<double> RawIngestAsync(int port, TimeSpan duration, Func<int, IBufferWriter<byte>, int> fillRequest)
    {
        var body = new ArrayBufferWriter<byte>(16 * 1024 * 1024);
        long units = 0;
        var clock = Stopwatch.StartNew();
        for (int request = 0; clock.Elapsed < duration && request < 1000; request++)
        {
            body.ResetWrittenCount();
            int count = fillRequest(request, body);
            using var content = new ByteArrayContent(body.WrittenSpan.ToArray());
            using HttpResponseMessage response = await s_http.PostAsync(new Uri($"http://127.0.0.1:{port}/write?db=bench&precision=ms"), content);
            response.EnsureSuccessStatusCode();
            units += count;
        }

        return units / clock.Elapsed.TotalSeconds;
    }

    public static bool Ping(int port)
    {
        try
        {
            using HttpResponseMessage r = s_http.GetAsync(new Uri($"http://127.0.0.1:{port}/ping")).GetAwaiter().GetResult();
            return r.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static void Signal(int pid, string signal)
    {
        using Process kill = Process.Start("kill", $"-{signal} {pid}")!;
        kill.WaitForExit();
    }

    public static async Task WaitForAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"{what} not ready within {deadline.TotalSeconds:F0} s");
            }

            await Task.Delay(100);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops every started process (thawing any frozen one first) and deletes the work folder.</summary>
    public static void StopAll(IEnumerable<Process> started, string work)
    {
        foreach (Process p in started)
        {
            try
            {
                Signal(p.Id, "CONT");
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
