namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>What a one-shot peer program printed and returned.</summary>
public sealed record PeerCommandResult(int ExitCode, string Stdout, string Stderr, string CommandLine)
{
    /// <summary>Gets stdout split into non-empty lines.</summary>
    public IReadOnlyList<string> Lines =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"{CommandLine} → exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
