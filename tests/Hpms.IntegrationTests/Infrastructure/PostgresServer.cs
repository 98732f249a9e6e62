using System.Diagnostics;
using Npgsql;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL (Debian's) on 127.0.0.1 and a free port, its cluster in a temp folder, trust auth for
/// the test role, fsync off. As root the server runs as the <c>postgres</c> user, which it requires.
/// Stoppable (a crash) and startable again on the same port and data directory (fault tests).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "hpms";

    private readonly string _directory;
    private Process? _process;
    private ProcessStartInfo? _start;
    private int _databases;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Newest /usr/lib/postgresql/N/bin holding initdb, or null.</summary>
    public static string? BinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Creates a cluster and starts it.</summary>
    /// <param name="crashSafeCommits">
    /// Commits reach the OS before they return (synchronous_commit on), so a SIGKILL of the server loses no committed
    /// transaction, as in production; off by default for speed (a crash may lose the last few hundred ms).
    /// </param>
    public static async Task<PostgresServer> StartAsync(bool crashSafeCommits = false)
    {
        string bin = BinDirectory() ?? throw new InvalidOperationException("PostgreSQL binaries not found.");
        string directory = Directory.CreateTempSubdirectory("hpms-pg-").FullName;
        string data = Path.Combine(directory, "data");
        bool root = Environment.UserName == "root";
        if (root)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", User, "--no-sync", "-E", "UTF8", "--locale=C"], root);
        int port = LoopbackPort.Free();
        var server = new PostgresServer(directory, port);
        ProcessStartInfo info = Start(Path.Combine(bin, "postgres"), ["-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", crashSafeCommits ? "synchronous_commit=on" : "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"], root);
        server._start = info;
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        _process?.Dispose();
        _process = Process.Start(_start!)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(async () => await CanConnectAsync(), TimeSpan.FromSeconds(30), () => "postgres did not accept connections");
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=50;Timeout=15";

    /// <summary>Creates a fresh empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        string name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Environment.ProcessId}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server abruptly (a crash, for fault tests) or gracefully.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task<bool> CanConnectAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static ProcessStartInfo Start(string executable, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (string a in new[] { "-u", "postgres", "--", executable })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    private static async Task RunAsync(string executable, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        using Process process = Process.Start(Start(executable, arguments, asPostgres))!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} exited {process.ExitCode}: {await stderr}");
        }
    }
}
