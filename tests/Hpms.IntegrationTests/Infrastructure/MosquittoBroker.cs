using System.Net;
using System.Net.Sockets;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// A real mosquitto on 127.0.0.1 and a free port: no anonymous access, a password file made with
/// mosquitto_passwd, an ACL confining each device user to <c>devices/&lt;user&gt;/#</c> and an admin
/// user to everything (<see cref="StartAsync"/>); or the production profile (<see cref="StartProductionAsync"/>):
/// <c>deploy/mosquitto/production.conf</c> and <c>acl</c> as deployed, TLS only, certificates made by
/// <c>deploy/mosquitto/make-certs.sh</c> in a temporary folder. Restartable on the same port; the process is
/// killed on dispose.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";
    public const string AdminUser = "hpms-admin";

    private readonly string _directory;
    private readonly string _config;
    private PeerProcess? _process;

    private MosquittoBroker(string directory, string config, int port, IReadOnlyDictionary<string, string> passwords, string? caFile = null)
    {
        _directory = directory;
        _config = config;
        Port = port;
        Passwords = passwords;
        CaFile = caFile;
    }

    public int Port { get; }

    /// <summary>Gets the CA certificate (PEM) clients must trust, or null when the broker is plain TCP.</summary>
    public string? CaFile { get; }

    /// <summary>Gets each user's password (admin and one per device).</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; }

    /// <summary>Writes the password file, ACL and configuration, and starts the broker.</summary>
    /// <param name="deviceUsers">Device users (each confined to its own topics).</param>
    /// <param name="production">
    /// The deployment's delivery settings (deploy/mosquitto/mosquitto.conf): persistence in the broker's folder (saved
    /// on a graceful stop, so sessions and queued messages survive <see cref="StopGracefullyAsync"/>), TCP_NODELAY,
    /// 1000 messages in flight and 100000 queued per session. Off: no persistence, mosquitto's defaults.
    /// </param>
    public static async Task<MosquittoBroker> StartAsync(IReadOnlyList<string> deviceUsers, bool production = false)
    {
        ArgumentNullException.ThrowIfNull(deviceUsers);
        string directory = Directory.CreateTempSubdirectory("hpms-mosquitto-").FullName;
        Dictionary<string, string> passwords = new(StringComparer.Ordinal) { [AdminUser] = Guid.NewGuid().ToString("N") };
        foreach (string user in deviceUsers)
        {
            passwords[user] = Guid.NewGuid().ToString("N");
        }

        string passwordFile = await WritePasswordFileAsync(directory, passwords);

        string aclFile = Path.Combine(directory, "acl");
        List<string> acl = [$"user {AdminUser}", "topic readwrite #", string.Empty];
        foreach (string user in deviceUsers)
        {
            acl.AddRange([$"user {user}", $"topic readwrite devices/{user}/#", string.Empty]);
        }

        await File.WriteAllLinesAsync(aclFile, acl);
        int port = LoopbackPort.Free();
        string config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllLinesAsync(config,
        [
            $"listener {port} 127.0.0.1",
            "allow_anonymous false",
            $"password_file {passwordFile}",
            $"acl_file {aclFile}",
            .. (production
                ? (string[])["persistence true", $"persistence_location {directory}/", "set_tcp_nodelay true", "max_inflight_messages 1000", "max_queued_messages 100000"]
                : ["persistence false"]),
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "user root",
        ]);
        var broker = new MosquittoBroker(directory, config, port, passwords);
        await broker.LaunchAsync();
        return broker;
    }

    /// <summary>
    /// Starts the production profile: <c>deploy/mosquitto/production.conf</c> with only its listener (a free
    /// port on 127.0.0.1) and paths rewritten, persistence off; the deployed ACL, plus one block per name in
    /// <paramref name="extraGateways"/> added the documented way (a copy of gw-a's block, its building letter
    /// following the gateway's); one random password per ACL user; certificates from
    /// <c>deploy/mosquitto/make-certs.sh</c> for 127.0.0.1 and localhost.
    /// </summary>
    public static async Task<MosquittoBroker> StartProductionAsync(IReadOnlyList<string> extraGateways)
    {
        ArgumentNullException.ThrowIfNull(extraGateways);
        string deploy = Path.Combine(PeerTools.RepositoryRoot(), "deploy", "mosquitto");
        string directory = Directory.CreateTempSubdirectory("hpms-mosquitto-tls-").FullName;
        string certs = Path.Combine(directory, "certs");
        PeerCommandResult made = await PeerCommand.RunAsync("sh", [Path.Combine(deploy, "make-certs.sh"), certs, "127.0.0.1", "localhost"], TimeSpan.FromSeconds(60));
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"make-certs.sh failed ({made.ExitCode}): {made.Stdout}{made.Stderr}");
        }

        string[] deployedAcl = await File.ReadAllLinesAsync(Path.Combine(deploy, "acl"));
        List<string> acl = [.. deployedAcl];
        string[] gatewayBlock = [.. deployedAcl.SkipWhile(l => l != "user gw-a").TakeWhile(l => l.Length > 0)];
        foreach (string gateway in extraGateways)
        {
            acl.Add(string.Empty);
            acl.AddRange(gatewayBlock.Select(l => l.Replace("gw-a", gateway, StringComparison.Ordinal).Replace("mcab-a-", $"mcab-{gateway[3..]}-", StringComparison.Ordinal)));
        }

        string aclFile = Path.Combine(directory, "acl");
        await File.WriteAllLinesAsync(aclFile, acl);
        Dictionary<string, string> passwords = new(StringComparer.Ordinal);
        foreach (string line in acl.Where(l => l.StartsWith("user ", StringComparison.Ordinal)))
        {
            passwords[line[5..]] = Guid.NewGuid().ToString("N");
        }

        string passwordFile = await WritePasswordFileAsync(directory, passwords);
        int port = LoopbackPort.Free();
        string config = Path.Combine(directory, "mosquitto.conf");
        string text = (await File.ReadAllTextAsync(Path.Combine(deploy, "production.conf")))
            .Replace("\nlistener 8883\n", $"\nlistener {port} 127.0.0.1\n", StringComparison.Ordinal)
            .Replace("/mosquitto/certs/", certs + "/", StringComparison.Ordinal)
            .Replace("/mosquitto/auth/passwd", passwordFile, StringComparison.Ordinal)
            .Replace("/mosquitto/config/acl", aclFile, StringComparison.Ordinal)
            .Replace("persistence true", "persistence false", StringComparison.Ordinal)
            .Replace("log_dest stdout", "log_dest stderr", StringComparison.Ordinal);
        if (!text.Contains($"listener {port} 127.0.0.1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("production.conf has no 'listener 8883' line to rewrite");
        }

        await File.WriteAllTextAsync(config, text + "user root\n");
        var broker = new MosquittoBroker(directory, config, port, passwords, Path.Combine(certs, "ca.crt"));
        await broker.LaunchAsync();
        return broker;
    }

    /// <summary>Kills the broker and starts it again on the same port (sessions are lost: no persistence).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>Kills the broker (clients see the connection drop).</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Stops the broker with SIGTERM, as a service stop does (with <c>production</c> it saves its sessions first).</summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is not null)
        {
            await _process.TerminateAsync(TimeSpan.FromSeconds(10));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the broker again on the same port and configuration (after a stop).</summary>
    public Task StartAgainAsync() => LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task<string> WritePasswordFileAsync(string directory, IReadOnlyDictionary<string, string> passwords)
    {
        string passwordFile = Path.Combine(directory, "passwd");
        bool first = true;
        foreach ((string user, string password) in passwords)
        {
            List<string> args = first ? ["-b", "-c", passwordFile, user, password] : ["-b", passwordFile, user, password];
            PeerCommandResult made = await PeerCommand.RunAsync("mosquitto_passwd", args, TimeSpan.FromSeconds(20));
            if (made.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd failed ({made.ExitCode}): {made.Stdout}{made.Stderr}");
            }

            first = false;
        }

        return passwordFile;
    }

    private async Task LaunchAsync()
    {
        // mosquitto block-buffers its log when not on a terminal, so readiness is the port accepting.
        _process = await PeerProcess.StartAsync(Executable, ["-c", _config], isReady: null, TimeSpan.Zero);
        long end = Environment.TickCount64 + 10_000;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited at start: {_process.Stderr}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (Environment.TickCount64 < end)
            {
                await Task.Delay(20);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException($"mosquitto not accepting on {Port} within 10 s: {_process.Stderr}", ex);
            }
        }
    }
}
