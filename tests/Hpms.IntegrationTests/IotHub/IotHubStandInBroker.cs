using System.Net;
using System.Net.Sockets;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.IotHub;

/// <summary>
/// A real mosquitto standing in for Azure IoT Hub on 127.0.0.1 (no TLS): no anonymous access; a password
/// file whose one device user is named exactly as the hub's MQTT user name
/// (<c>{host}/{device}/?api-version=…</c>) with the SAS token the test computed as its password, so a
/// connection proves both; an ACL giving that user its device subtree and <c>$iothub/#</c>, and an admin
/// user (the "service" side) the same plus <c>#</c>.
/// </summary>
public sealed class IotHubStandInBroker : IAsyncDisposable
{
    public const string AdminUser = "hub-service";

    private readonly string _directory;
    private readonly PeerProcess _process;

    private IotHubStandInBroker(string directory, PeerProcess process, int port, string adminPassword)
    {
        _directory = directory;
        _process = process;
        Port = port;
        AdminPassword = adminPassword;
    }

    public int Port { get; }

    public string AdminPassword { get; }

    /// <summary>Gets the broker's log (connections, refusals), for failure messages.</summary>
    public string Log => _process.Stderr;

    public static async Task<IotHubStandInBroker> StartAsync(string hubUsername, string sasToken, string deviceId)
    {
        string directory = Directory.CreateTempSubdirectory("hpms-iothub-standin-").FullName;
        string adminPassword = Guid.NewGuid().ToString("N");
        string passwordFile = Path.Combine(directory, "passwd");
        await PasswdAsync(["-b", "-c", passwordFile, AdminUser, adminPassword]);
        await PasswdAsync(["-b", passwordFile, hubUsername, sasToken]);

        string aclFile = Path.Combine(directory, "acl");
        await File.WriteAllLinesAsync(aclFile,
        [
            $"user {AdminUser}", "topic readwrite #", "topic readwrite $iothub/#", string.Empty,
            $"user {hubUsername}", $"topic readwrite devices/{deviceId}/#", "topic readwrite $iothub/#", string.Empty,
        ]);
        int port = LoopbackPort.Free();
        string config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllLinesAsync(config,
        [
            $"listener {port} 127.0.0.1",
            "allow_anonymous false",
            $"password_file {passwordFile}",
            $"acl_file {aclFile}",
            "persistence false",
            "log_dest stderr",
            "log_type all",
            "user root",
        ]);
        PeerProcess process = await PeerProcess.StartAsync(MosquittoBroker.Executable, ["-c", config], isReady: null, TimeSpan.Zero);
        var broker = new IotHubStandInBroker(directory, process, port, adminPassword);
        await broker.WaitAcceptingAsync();
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task PasswdAsync(List<string> args)
    {
        PeerCommandResult made = await PeerCommand.RunAsync("mosquitto_passwd", args, TimeSpan.FromSeconds(20));
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed ({made.ExitCode}): {made.Stdout}{made.Stderr}");
        }
    }


    private async Task WaitAcceptingAsync()
    {
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
        }
    }
}
