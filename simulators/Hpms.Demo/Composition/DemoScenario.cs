using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Scenarios;

namespace Hpms.Demo.Composition;

/// <summary>
/// The scenario as the demo runs it: free ports for every Modbus endpoint, the MQTT-native devices pointed at
/// the demo's broker, and — when <c>socat</c> is not installed — each simulated RS-485 line served as RTU over
/// TCP (the same RTU frames behind a serial device server) instead of on a pty pair.
/// </summary>
public static class DemoScenario
{
    /// <summary>Loads and adapts the scenario.</summary>
    /// <param name="path">Scenario file.</param>
    /// <param name="speed">Speed override, or null.</param>
    /// <param name="runDirectory">Where pty paths go.</param>
    /// <param name="brokerPort">The demo broker's port.</param>
    /// <param name="hasSocat">Whether socat can make pty pairs.</param>
    /// <param name="truth">Ground truth.</param>
    /// <returns>The scenario to run.</returns>
    public static Scenario Load(string path, double? speed, string runDirectory, int brokerPort, bool hasSocat, IGroundTruth truth)
    {
        Scenario loaded = ScenarioLoader.LoadFile(path, new ScenarioLoadOptions { EphemeralPorts = true, Speed = speed, RunDirectory = runDirectory }, truth);
        return new Scenario
        {
            Name = loaded.Name,
            SourceName = loaded.SourceName,
            Site = loaded.Site,
            Time = loaded.Time,
            Devices = loaded.Devices,
            Events = loaded.Events,
            Endpoints = [.. loaded.Endpoints.Select(e => Adapt(e, brokerPort, hasSocat))],
        };
    }

    /// <summary>Whether socat is on the PATH.</summary>
    /// <returns>True when found.</returns>
    public static bool SocatInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "socat")));

    private static EndpointSpec Adapt(EndpointSpec endpoint, int brokerPort, bool hasSocat) => endpoint.Kind switch
    {
        EndpointKind.Mqtt => endpoint with { Host = "127.0.0.1", Port = brokerPort },
        EndpointKind.ModbusRtu when endpoint.Pty is not null && !hasSocat => endpoint with { Kind = EndpointKind.RtuOverTcp, Pty = null, Port = 0, Host = "127.0.0.1" },
        _ => endpoint,
    };
}
