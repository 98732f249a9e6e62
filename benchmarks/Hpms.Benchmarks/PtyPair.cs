using System.Diagnostics;

namespace Hpms.Benchmarks;

/// <summary>A socat pty pair: two linked pseudo-terminals that stand in for a serial cable.</summary>
internal sealed class PtyPair : IDisposable
{
    private readonly Process _socat;

    private PtyPair(Process socat, string a, string b)
    {
        _socat = socat;
        A = a;
        B = b;
    }

    public string A { get; }

    public string B { get; }

    public static async Task<PtyPair> StartAsync()
    {
        string id = Guid.NewGuid().ToString("N")[..8];
        string a = $"/tmp/hpms-bench-{id}-a";
        string b = $"/tmp/hpms-bench-{id}-b";
        Process socat = PeerProcess.Start("socat", $"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}");
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(a) && File.Exists(b)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10) || socat.HasExited)
            {
                PeerProcess.Stop(socat);
                throw new InvalidOperationException("socat did not create the pty pair");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return new PtyPair(socat, a, b);
    }

    public void Dispose()
    {
        PeerProcess.Stop(_socat);
        _socat.Dispose();
    }
}
