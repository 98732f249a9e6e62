using System.Diagnostics;
using System.Text;

namespace Hpms.Protocols.Transports.Tests.Channels;

/// <summary>
/// Two connected pseudo-terminals made by socat: bytes written to <see cref="PathA"/> come out of
/// <see cref="PathB"/> and back. socat is killed on dispose.
/// </summary>
internal sealed class PtyPair : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(10);

    private readonly Process _socat;
    private readonly StringBuilder _log;

    private PtyPair(Process socat, StringBuilder log, string pathA, string pathB)
    {
        _socat = socat;
        _log = log;
        PathA = pathA;
        PathB = pathB;
    }

    public string PathA { get; }

    public string PathB { get; }

    public static string? FindSocat()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (path is null)
        {
            return null;
        }

        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, "socat");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static async Task<PtyPair> StartAsync()
    {
        string socat = FindSocat() ?? throw new InvalidOperationException("socat is not on PATH; install it (apt-get install socat).");
        string stem = $"/tmp/hpms-pty-{Guid.NewGuid():N}";
        string pathA = stem + "-a";
        string pathB = stem + "-b";

        var info = new ProcessStartInfo(socat)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add($"pty,raw,echo=0,link={pathA}");
        info.ArgumentList.Add($"pty,raw,echo=0,link={pathB}");

        var log = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            // socat logs this once both ptys (and their links) exist.
            if (e.Data.Contains("starting data transfer loop", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("socat exited before the ptys were ready."));

        process.Start();
        process.BeginErrorReadLine();
        var pair = new PtyPair(process, log, pathA, pathB);
        try
        {
            await ready.Task.WaitAsync(s_startDeadline);
            if (!File.Exists(pathA) || !File.Exists(pathB))
            {
                throw new InvalidOperationException("socat reported ready but the pty links are missing.");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await pair.DisposeAsync();
            throw new InvalidOperationException($"socat pty pair did not start: {ex.Message}\n{pair.Log}", ex);
        }

        return pair;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill(entireProcessTree: true);
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socat.WaitForExitAsync(deadline.Token);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _socat.Dispose();
            File.Delete(PathA);
            File.Delete(PathB);
        }
    }
}
