namespace Hpms.Simulators.Devices;

/// <summary>Who and where a simulated device is: the tags the edge will attach to its readings.</summary>
/// <param name="Id">Unique device id in the scenario (e.g. <c>fridge-b-03</c>).</param>
/// <param name="DeviceClass">Register-map device class (e.g. <c>cold-chain-fridge</c>).</param>
/// <param name="Site">Hospital site.</param>
/// <param name="Building">Building.</param>
/// <param name="Zone">Zone or department (e.g. <c>ICU</c>, <c>pharmacy</c>).</param>
public sealed record DeviceIdentity(string Id, string DeviceClass, string Site, string Building, string Zone);
