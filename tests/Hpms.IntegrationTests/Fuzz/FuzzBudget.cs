using System.Globalization;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>
/// How long each fuzz target runs: <c>HPMS_FUZZ_SECONDS</c> when set (scripts/fuzz.sh, scripts/prove), else
/// <see cref="DefaultSeconds"/> — bounded for CI. <c>HPMS_FUZZ_REPORT</c> names a file each target appends
/// "target, inputs tried, seconds" to, so a script can print the totals.
/// </summary>
public static class FuzzBudget
{
    /// <summary>The environment variable with the seconds per target.</summary>
    public const string SecondsVariable = "HPMS_FUZZ_SECONDS";

    /// <summary>The environment variable with the report file.</summary>
    public const string ReportVariable = "HPMS_FUZZ_REPORT";

    /// <summary>Seconds per target when the variable is not set.</summary>
    public const double DefaultSeconds = 2;

    /// <summary>Gets the time each target runs.</summary>
    public static TimeSpan PerTarget =>
        double.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, 3600))
            : TimeSpan.FromSeconds(DefaultSeconds);

    /// <summary>Gets a value indicating whether the long setting is on (more than the CI default).</summary>
    public static bool IsLong => PerTarget > TimeSpan.FromSeconds(DefaultSeconds);

    /// <summary>Appends one target's count to the report file, when one is named.</summary>
    /// <param name="target">The target.</param>
    /// <param name="tried">Inputs tried.</param>
    /// <param name="elapsed">Time taken.</param>
    public static void Report(string target, long tried, TimeSpan elapsed)
    {
        string? file = Environment.GetEnvironmentVariable(ReportVariable);
        if (!string.IsNullOrEmpty(file))
        {
            File.AppendAllText(file, string.Create(CultureInfo.InvariantCulture, $"{target}\t{tried}\t{elapsed.TotalSeconds:F1}\n"));
        }
    }
}
