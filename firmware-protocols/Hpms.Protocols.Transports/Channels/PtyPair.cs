using System.ComponentModel;
using System.Diagnostics;

namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// Two linked pseudo-terminals made by <c>socat</c>: a serial cable without hardware. One end is
/// opened by the device side (a simulator), the other by the master (an edge gateway, mbpoll).
/// Disposing kills socat, which removes both links.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;

    private PtyPair(Process socat, string a, string b)
    {
        _socat = socat;
        A = a;
        B = b;
    }

    /// <summary>Gets the path of the first end.</summary>
    public string A { get; }

    /// <summary>Gets the path of the second end.</summary>
    public string B { get; }

    /// <summary>Starts socat and waits until both links exist.</summary>
    /// <param name="a">Path for the first end's symlink (its folder is created).</param>
    /// <param name="b">Path for the second end's symlink.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The pair.</returns>
    /// <exception cref="TransportException">socat is missing or did not make the pair within 10 s.</exception>
    public static async Task<PtyPair> StartAsync(string a, string b, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(a);
        ArgumentException.ThrowIfNullOrEmpty(b);
        foreach (string link in new[] { a, b })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(link))!);
            File.Delete(link); // a stale link from a killed run would make socat fail
        }

        var start = new ProcessStartInfo("socat")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add($"pty,raw,echo=0,link={a}");
        start.ArgumentList.Add($"pty,raw,echo=0,link={b}");
        Process socat;
        try
        {
            socat = Process.Start(start) ?? throw new TransportException("socat did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new TransportException("socat is not installed (apt-get install socat): it makes simulated serial lines.", ex);
        }

        socat.ErrorDataReceived += (_, _) => { };
        socat.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(a) && File.Exists(b)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10) || socat.HasExited || cancellationToken.IsCancellationRequested)
            {
                Kill(socat);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TransportException($"socat did not create the pty pair {a} / {b}.");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return new PtyPair(socat, a, b);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill(_socat);
        _socat.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
