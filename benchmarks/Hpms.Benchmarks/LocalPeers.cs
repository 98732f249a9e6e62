using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hpms.Benchmarks;

/// <summary>
/// The real servers the edge and cloud benchmarks run against, started on this machine on free loopback
/// ports in a work folder: mosquitto (anonymous, a million messages queued per session — `max_queued_messages 0`, "no limit", drops messages in some 2.0 releases — no persistence) and influxd (1.x, database
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
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 1000000\nmax_queued_bytes 0\npersistence false\nuser root\nset_tcp_nodelay true\nmax_inflight_messages 1000\n");
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

    /// <summary>Starts hpms-sim on <paramref name="scenario"/> with ephemeral ports; returns it and its manifest (endpoints, ports, devices) once written.</summary>
    public static async Task<(Process Process, string Manifest)> StartSimulatorAsync(string simBin, string scenario, string work)
    {
        string manifest = Path.Combine(work, "manifest.json");
        Process sim = PeerProcess.Start(Path.Combine(simBin, "hpms-sim"), "--scenario", scenario, "--ephemeral-ports", "--run-dir", work,
            "--manifest", manifest, "--run-for", "900", "--log-level", "Warning");
        _ = sim.StandardOutput.ReadToEndAsync();
        _ = sim.StandardError.ReadToEndAsync();
        await WaitForAsync(() => File.Exists(manifest), TimeSpan.FromSeconds(60), "hpms-sim manifest");
        await Task.Delay(500);
        return (sim, manifest);
    }

    /// <summary>
    /// Starts PostgreSQL (Debian's newest /usr/lib/postgresql/N) on a free port, its cluster in the work folder, trust
    /// auth for user <c>hpms</c>, fsync off; as root it runs as user <c>postgres</c> via runuser. A minimal copy of
    /// tests/Hpms.IntegrationTests/Infrastructure/PostgresServer (the benchmarks do not reference the tests).
    /// </summary>
    public static async Task<(Process Process, int Port)> StartPostgresAsync(string work)
    {
        string bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).First();
        string dir = Path.Combine(work, "postgres");
        Directory.CreateDirectory(dir);
        bool root = Environment.UserName == "root";
        string[] AsPostgres(params string[] command) => root ? ["runuser", "-u", "postgres", "--", .. command] : command;
        if (root)
        {
            // The work folder is private (0700); the postgres user must be able to pass through it.
            using (Process chmod = PeerProcess.Start("chmod", "go+x", work))
            {
                await chmod.WaitForExitAsync();
            }

            using Process chown = PeerProcess.Start("chown", "-R", "postgres:postgres", dir);
            await chown.WaitForExitAsync();
        }

        string[] initdb = AsPostgres(Path.Combine(bin, "initdb"), "-D", Path.Combine(dir, "data"), "-A", "trust", "-U", "hpms", "--no-sync", "-E", "UTF8", "--locale=C");
        using (Process init = PeerProcess.Start(initdb[0], initdb[1..]))
        {
            Task<string> error = init.StandardError.ReadToEndAsync();
            _ = await init.StandardOutput.ReadToEndAsync();
            await init.WaitForExitAsync();
            if (init.ExitCode != 0)
            {
                throw new InvalidOperationException("initdb failed: " + await error);
            }
        }

        int port = FreePort();
        string[] server = AsPostgres(Path.Combine(bin, "postgres"), "-D", Path.Combine(dir, "data"), "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", dir,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200");
        Process postgres = PeerProcess.Start(server[0], server[1..]);
        _ = postgres.StandardOutput.ReadToEndAsync();
        _ = postgres.StandardError.ReadToEndAsync();
        await WaitForAsync(() => Listening(port), TimeSpan.FromSeconds(30), "postgres");
        await Task.Delay(500);
        return (postgres, port);
    }

    /// <summary>Creates an empty database on the PostgreSQL at <paramref name="port"/> and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(int port, string name)
    {
        string server = $"Host=127.0.0.1;Port={port};Username=hpms;Timeout=15;Maximum Pool Size=50";
        await using (var connection = new Npgsql.NpgsqlConnection(server + ";Database=postgres"))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return server + ";Database=" + name;
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
