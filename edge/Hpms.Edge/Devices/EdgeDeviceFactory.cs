using Hpms.Edge.Configuration;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Devices;

/// <summary>Builds the Modbus devices of a validated gateway configuration (maps loaded once per file).</summary>
public static class EdgeDeviceFactory
{
    /// <summary>Creates every Modbus device.</summary>
    /// <param name="gateway">Validated options.</param>
    /// <returns>The devices, in configuration order.</returns>
    public static IReadOnlyList<EdgeDevice> Create(GatewayOptions gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var maps = new Dictionary<string, RegisterMap>(StringComparer.Ordinal);
        List<EdgeDevice> devices = [];
        foreach (DeviceOptions d in gateway.Devices.Where(d => d.Transport != DeviceTransport.Mqtt))
        {
            string path = GatewayOptionsValidator.MapPath(d, gateway.MapsDirectory);
            if (!maps.TryGetValue(path, out RegisterMap? map))
            {
                map = RegisterMapLoader.LoadFile(path);
                maps[path] = map;
            }

            var tags = new DeviceTags(gateway.Site, d.Building, d.Zone, gateway.Id, map.DeviceClass, d.Id);
            devices.Add(new EdgeDevice(d, tags, map));
        }

        return devices;
    }
}
