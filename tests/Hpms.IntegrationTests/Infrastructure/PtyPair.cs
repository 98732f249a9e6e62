namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// Two connected pseudo-terminals made by socat (tests/scripts/pty-pair.sh): bytes written to
/// <see cref="PathA"/> come out of <see cref="PathB"/> and back. Links live under /tmp with a guid;
/// socat is killed on dispose.
/// </summary>
public sealed class PtyPair : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(10);

    private readonly PeerProcess _socat;

    private PtyPair(PeerProcess socat, string pathA, string pathB)
    {
        _socat = socat;
        PathA = pathA;
        PathB = pathB;
    }

    public string PathA { get; }

    public string PathB { get; }

    public static async Task<PtyPair> StartAsync()
    {
        string stem = $"/tmp/hpms-it-{Guid.NewGuid():N}";
        string pathA = stem + "-a";
        string pathB = stem + "-b";
        PeerProcess socat = await PeerProcess.StartAsync(
            "socat",
            ["-d", "-d", $"pty,raw,echo=0,link={pathA}", $"pty,raw,echo=0,link={pathB}"],
            isReady: null,
            s_startDeadline);
        var pair = new PtyPair(socat, pathA, pathB);
        try
        {
            await Poll.UntilAsync(
                () => socat.HasExited || (File.Exists(pathA) && File.Exists(pathB)),
                s_startDeadline,
                () => $"socat links {pathA} and {pathB}; socat stderr: {socat.Stderr}");
            if (socat.HasExited)
            {
                throw new InvalidOperationException($"socat exited: {socat.Stderr}");
            }
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }

        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        await _socat.DisposeAsync();
        File.Delete(PathA);
        File.Delete(PathB);
    }
}
