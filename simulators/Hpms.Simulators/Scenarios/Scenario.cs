using Hpms.Simulators.Devices;
using Hpms.Simulators.Registers;

namespace Hpms.Simulators.Scenarios;

/// <summary>A loaded, validated scenario: devices built and placed on endpoints, events scheduled.</summary>
public sealed class Scenario
{
    /// <summary>Gets the scenario's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the file it came from.</summary>
    public required string SourceName { get; init; }

    /// <summary>Gets the hospital site all devices belong to.</summary>
    public required string Site { get; init; }

    /// <summary>Gets how simulated time runs.</summary>
    public required TimeSettings Time { get; init; }

    /// <summary>Gets the endpoints devices are served on.</summary>
    public required IReadOnlyList<EndpointSpec> Endpoints { get; init; }

    /// <summary>Gets every device, fleets expanded.</summary>
    public required IReadOnlyList<ScenarioDevice> Devices { get; init; }

    /// <summary>Gets the events in start order.</summary>
    public required IReadOnlyList<ScenarioEvent> Events { get; init; }
}

/// <summary>How simulated time runs.</summary>
/// <param name="Start">Simulated start, with the hospital's UTC offset (local time drives patient flow).</param>
/// <param name="Speed">Simulated seconds per wall second (1 = real time, 1440 = a day per minute).</param>
/// <param name="Tick">Wall time between model steps.</param>
public sealed record TimeSettings(DateTimeOffset Start, double Speed, TimeSpan Tick);

/// <summary>One device of a scenario, built and ready.</summary>
/// <param name="Device">The model.</param>
/// <param name="Class">Its class.</param>
/// <param name="Registers">Its Modbus tables; null for MQTT-native devices.</param>
/// <param name="Endpoint">Endpoint id it is served on.</param>
/// <param name="UnitId">Modbus unit id on that endpoint (0 for MQTT devices).</param>
/// <param name="MapFile">Register-map file it serves (null for MQTT devices).</param>
public sealed record ScenarioDevice(
    SimulatedDevice Device, DeviceClassInfo Class, DeviceRegisters? Registers, string Endpoint, byte UnitId, string? MapFile);
