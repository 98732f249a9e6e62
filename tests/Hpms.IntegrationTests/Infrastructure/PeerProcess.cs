using System.Diagnostics;
using System.Text;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// A long-running peer (pymodbus_server.py, socat): started, optionally awaited until a ready line
/// appears on stdout, its stderr kept for failure messages, its process tree killed on dispose.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool>? _isReady;

    private PeerProcess(Process process, Func<string, bool>? isReady, string commandLine)
    {
        _process = process;
        _isReady = isReady;
        CommandLine = commandLine;
    }

    public string CommandLine { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Gets stdout lines so far.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    /// <summary>Gets stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/>; when <paramref name="isReady"/> is given, waits up to
    /// <paramref name="deadline"/> for a stdout line it accepts and fails with the peer's stderr otherwise.
    /// </summary>
    public static async Task<PeerProcess> StartAsync(
        string fileName, IEnumerable<string> arguments, Func<string, bool>? isReady, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process, isReady, fileName + " " + string.Join(' ', info.ArgumentList));
        process.OutputDataReceived += (_, e) => peer.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => peer.OnStderr(e.Data);
        process.Exited += (_, _) => peer._ready.TrySetException(
            new InvalidOperationException($"{peer.CommandLine} exited before it was ready."));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"cannot start {peer.CommandLine}: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (isReady is null)
        {
            return peer;
        }

        try
        {
            await peer._ready.Task.WaitAsync(deadline);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException(
                $"{peer.CommandLine} not ready within {deadline.TotalSeconds:F0} s ({ex.Message})\nstdout: {string.Join('\n', peer.StdoutLines)}\nstderr: {peer.Stderr}",
                ex);
        }

        return peer;
    }

    /// <summary>Sends SIGTERM and waits up to <paramref name="deadline"/> for the process to exit (a graceful stop).</summary>
    public async Task TerminateAsync(TimeSpan deadline)
    {
        if (_process.HasExited)
        {
            return;
        }

        PeerCommandResult sent = await PeerCommand.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (sent.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: {sent.Stderr}");
        }

        using var wait = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to kill.
        }
        catch (OperationCanceledException)
        {
            // The kill was sent; a zombie for a few more seconds is harmless to the next test.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.Add(line);
        }

        if (_isReady?.Invoke(line) == true)
        {
            _ready.TrySetResult(line);
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.AppendLine(line);
        }
    }
}
