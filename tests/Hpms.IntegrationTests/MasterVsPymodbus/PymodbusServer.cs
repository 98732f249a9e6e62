using System.Globalization;
using System.Text.RegularExpressions;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.MasterVsPymodbus;

/// <summary>tests/scripts/pymodbus_server.py serving peer-dataset.json over TCP or RTU.</summary>
public sealed partial class PymodbusServer : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(20);

    private readonly PeerProcess _process;

    private PymodbusServer(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Gets the TCP port read from the LISTENING line (0 for RTU).</summary>
    public int Port { get; }

    public string Stderr => _process.Stderr;

    /// <summary>Starts on 127.0.0.1 with <c>--tcp 0</c> and reads the port from the LISTENING line.</summary>
    public static async Task<PymodbusServer> StartTcpAsync()
    {
        PeerProcess process = await StartAsync(["--tcp", "0"]);
        string listening = process.StdoutLines.FirstOrDefault(l => l.StartsWith("LISTENING", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no LISTENING line: {string.Join('\n', process.StdoutLines)}");
        Match match = ListeningTcp().Match(listening);
        if (!match.Success)
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"unexpected LISTENING line '{listening}'.");
        }

        return new PymodbusServer(process, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Starts on a serial device at 115200 8N1.</summary>
    public static async Task<PymodbusServer> StartRtuAsync(string device) =>
        new(await StartAsync(["--rtu", device, "--baud", "115200"]), 0);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static Task<PeerProcess> StartAsync(IEnumerable<string> mode) =>
        PeerProcess.StartAsync(
            PeerTools.Python,
            [Path.Combine(PeerTools.ScriptsDirectory, "pymodbus_server.py"), .. mode, "--max-seconds", "600"],
            line => line == "READY",
            s_startDeadline);

    [GeneratedRegex(@"^LISTENING tcp 127\.0\.0\.1:(\d+) unit \d+$")]
    private static partial Regex ListeningTcp();
}
