namespace Hpms.Simulators.Scenarios;

/// <summary>Where a scenario finds its register maps and puts its runtime files, and overrides for tests.</summary>
public sealed record ScenarioLoadOptions
{
    /// <summary>Gets the folder of register maps (default: <c>devices</c> beside the executable).</summary>
    public string MapsDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "devices");

    /// <summary>Gets the folder relative pty paths are placed under.</summary>
    public string RunDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "hpms-sim");

    /// <summary>Gets a value indicating whether every TCP port becomes 0 (any free port), so runs never collide.</summary>
    public bool EphemeralPorts { get; init; }

    /// <summary>Gets a speed that replaces the scenario's, when set.</summary>
    public double? Speed { get; init; }
}
