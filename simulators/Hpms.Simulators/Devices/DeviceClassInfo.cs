using Hpms.Simulators.Registers;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices;

/// <summary>
/// A simulated device class as scenarios name it: which register map it serves (null for an
/// MQTT-native device), which events it accepts and how to build one.
/// </summary>
/// <param name="Name">Class name in scenario files (e.g. <c>cold-chain-fridge</c>).</param>
/// <param name="MapClass">Register-map device class it serves over Modbus; null for MQTT-native devices.</param>
/// <param name="Events">Event kinds it accepts.</param>
/// <param name="Create">Builds a device; settings problems go to the settings' error list.</param>
/// <param name="MapFromScenario">True when each scenario entry must name its own map file (a site's vendor device).</param>
public sealed record DeviceClassInfo(
    string Name,
    string? MapClass,
    IReadOnlyList<EventSpec> Events,
    Func<DeviceContext, DeviceRegisters?, DeviceSettings, SimulatedDevice> Create,
    bool MapFromScenario = false);
