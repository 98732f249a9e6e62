namespace Hpms.Protocols.Telemetry;

/// <summary>
/// Where a device is and what it is: the tags every point and event of the device carries (the InfluxDB
/// tags and the MQTT topic levels). One instance per device, shared by all its points.
/// </summary>
/// <param name="Site">Hospital site.</param>
/// <param name="Building">Building.</param>
/// <param name="Zone">Zone or department.</param>
/// <param name="Gateway">Edge gateway that reads the device.</param>
/// <param name="DeviceClass">Register-map device class (InfluxDB measurement).</param>
/// <param name="DeviceId">Device id, unique within the site.</param>
public sealed record DeviceTags(string Site, string Building, string Zone, string Gateway, string DeviceClass, string DeviceId);
