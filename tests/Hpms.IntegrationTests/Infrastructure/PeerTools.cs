using System.Diagnostics;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// Finds the third-party peers (tests/scripts/README.md) and says which are missing. Locally a
/// missing peer skips a test; with <c>CI=true</c> it must fail instead (STYLE.md §8).
/// </summary>
public static class PeerTools
{
    /// <summary>Only Debian's interpreter sees python3-pymodbus; the pyenv one on PATH does not.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_pymodbusProblem = new(ProbePymodbus);
    private static readonly SemaphoreSlim s_buildGate = new(1, 1);
    private static string? s_builtClient;

    /// <summary>Gets a value indicating whether missing peers must fail tests rather than skip them.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the folder with pymodbus_server.py and peer-dataset.json (copied next to the tests).</summary>
    public static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "scripts");

    /// <summary>Explains what is missing among <paramref name="tools"/>, or null when all are there.</summary>
    public static string? Missing(PeerTool tools)
    {
        List<string> missing = [];
        if (!OperatingSystem.IsLinux())
        {
            return "the Modbus peers, ptys and mosquitto need Linux.";
        }

        if (tools.HasFlag(PeerTool.Socat) && FindOnPath("socat") is null)
        {
            missing.Add("socat is not on PATH (apt-get install socat)");
        }

        if (tools.HasFlag(PeerTool.Mbpoll) && FindOnPath("mbpoll") is null)
        {
            missing.Add("mbpoll is not on PATH (apt-get install mbpoll)");
        }

        if (tools.HasFlag(PeerTool.Mosquitto) && (!File.Exists(MosquittoBroker.Executable) || FindOnPath("mosquitto_passwd") is null))
        {
            missing.Add($"{MosquittoBroker.Executable} or mosquitto_passwd is missing (apt-get install mosquitto)");
        }

        if (tools.HasFlag(PeerTool.Influxd) && !File.Exists(InfluxdServer.Executable))
        {
            missing.Add($"{InfluxdServer.Executable} is missing (apt-get install influxdb)");
        }

        if (tools.HasFlag(PeerTool.Postgres) && PostgresServer.BinDirectory() is null)
        {
            missing.Add("PostgreSQL server binaries are missing under /usr/lib/postgresql (apt-get install postgresql)");
        }

        if (tools.HasFlag(PeerTool.Chromium) && !File.Exists(Browser.BrowserFixture.Chromium))
        {
            missing.Add($"{Browser.BrowserFixture.Chromium} is missing (apt-get install chromium)");
        }

        if (tools.HasFlag(PeerTool.Pymodbus) && s_pymodbusProblem.Value is string problem)
        {
            missing.Add(problem);
        }

        if (tools.HasFlag(PeerTool.LibmodbusClient) && LibmodbusClientProblem() is string clientProblem)
        {
            missing.Add(clientProblem);
        }

        return missing.Count == 0 ? null : string.Join("; ", missing) + ".";
    }

    /// <summary>Throws when a peer is missing and this is CI; returns the reason to stay idle locally.</summary>
    public static string? RequireOrSkip(PeerTool tools)
    {
        string? missing = Missing(tools);
        if (missing is not null && IsCi)
        {
            throw new InvalidOperationException($"CI=true and a peer is missing: {missing}");
        }

        return missing;
    }

    /// <summary>Finds an executable on PATH.</summary>
    public static string? FindOnPath(string name)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (path is null)
        {
            return null;
        }

        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The libmodbus_client binary: from $HPMS_PEERS_BIN (scripts/test.sh builds it there), else built
    /// once into the test output by tests/scripts/build-peers.sh.
    /// </summary>
    public static async Task<string> LibmodbusClientAsync()
    {
        string? bin = Environment.GetEnvironmentVariable("HPMS_PEERS_BIN");
        if (!string.IsNullOrEmpty(bin))
        {
            string path = Path.Combine(bin, "libmodbus_client");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"HPMS_PEERS_BIN={bin} has no libmodbus_client; run tests/scripts/build-peers.sh {bin}.");
        }

        await s_buildGate.WaitAsync();
        try
        {
            if (s_builtClient is not null)
            {
                return s_builtClient;
            }

            string outDir = Path.Combine(AppContext.BaseDirectory, "peers-bin");
            string script = Path.Combine(RepositoryRoot(), "tests", "scripts", "build-peers.sh");
            PeerCommandResult result = await PeerCommand.RunAsync("sh", [script, outDir], TimeSpan.FromMinutes(1));
            string built = Path.Combine(outDir, "libmodbus_client");
            if (result.ExitCode != 0 || !File.Exists(built))
            {
                throw new InvalidOperationException($"build-peers.sh failed ({result.ExitCode}): {result.Stdout}{result.Stderr}");
            }

            s_builtClient = built;
            return built;
        }
        finally
        {
            s_buildGate.Release();
        }
    }

    /// <summary>Walks up from the test output to the folder holding Hpms.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hpms.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Hpms.slnx not found above {AppContext.BaseDirectory}.");
    }

    private static string? LibmodbusClientProblem()
    {
        string? bin = Environment.GetEnvironmentVariable("HPMS_PEERS_BIN");
        if (!string.IsNullOrEmpty(bin))
        {
            return File.Exists(Path.Combine(bin, "libmodbus_client"))
                ? null
                : $"libmodbus_client is not in HPMS_PEERS_BIN={bin} (run tests/scripts/build-peers.sh)";
        }

        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "peers-bin", "libmodbus_client")))
        {
            return null;
        }

        if (FindOnPath("gcc") is null || FindOnPath("pkg-config") is null)
        {
            return "libmodbus_client cannot be built: gcc or pkg-config is missing";
        }

        return File.Exists("/usr/include/modbus/modbus.h")
            ? null
            : "libmodbus_client cannot be built: libmodbus-dev is missing (apt-get install libmodbus-dev)";
    }

    private static string? ProbePymodbus()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist";
        }

        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import pymodbus, serial_asyncio");
        using Process? process = Process.Start(info);
        if (process is null)
        {
            return $"{Python} cannot be started";
        }

        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            return $"{Python} -c 'import pymodbus' hung";
        }

        return process.ExitCode == 0
            ? null
            : $"{Python} cannot import pymodbus/serial_asyncio (apt-get install python3-pymodbus): {stderr.Trim()}";
    }
}
