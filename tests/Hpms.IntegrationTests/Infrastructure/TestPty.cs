using Hpms.Protocols.Transports.Channels;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>A socat pty pair under the temp folder with a fresh name per test fixture.</summary>
public static class TestPty
{
    public static Task<PtyPair> StartAsync()
    {
        string id = Guid.NewGuid().ToString("N")[..8];
        return PtyPair.StartAsync(
            Path.Combine(Path.GetTempPath(), $"hpms-it-{id}-a"), Path.Combine(Path.GetTempPath(), $"hpms-it-{id}-b"));
    }
}
