using System.Globalization;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>
/// How long the device-fault measurements run: short in CI, long when <c>HPMS_PROVE=1</c> (scripts/prove),
/// with every fault measured on its own as well as all together.
/// </summary>
internal static class FaultRunLength
{
    public const string ProveVariable = "HPMS_PROVE";

    public static bool Prove => Environment.GetEnvironmentVariable(ProveVariable) == "1";

    /// <summary>Gets the measuring window of each phase (20 s in CI, 60 s when proving).</summary>
    public static TimeSpan Window => TimeSpan.FromSeconds(Prove ? 60 : 20);

    public static string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Window.TotalSeconds:F0} s windows{(Prove ? " (HPMS_PROVE=1)" : string.Empty)}");
}
