namespace Hpms.Protocols.Transports.Tests.Channels;

/// <summary>
/// A fact that needs Linux and socat (for <see cref="PtyPair"/>). Locally a missing socat skips with
/// the reason; with <c>CI=true</c> the test runs and fails, so CI cannot silently lose coverage.
/// </summary>
public sealed class PtyFactAttribute : FactAttribute
{
    public PtyFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "pty tests need Linux.";
        }
        else if (PtyPair.FindSocat() is null && !IsCi())
        {
            Skip = "socat is not on PATH (apt-get install socat); with CI=true this test fails instead.";
        }
    }

    private static bool IsCi() =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
