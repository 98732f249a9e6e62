using Hpms.Edge.Configuration;
using Hpms.Edge.Polling;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Devices;

/// <summary>A configured Modbus device, ready to poll: its map, read plan, tags, line and counters.</summary>
public sealed class EdgeDevice
{
    /// <summary>Creates the device.</summary>
    /// <param name="options">Its configuration.</param>
    /// <param name="tags">Its tags.</param>
    /// <param name="map">Its register map.</param>
    public EdgeDevice(DeviceOptions options, DeviceTags tags, RegisterMap map)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        Options = options;
        Tags = tags;
        Map = map;
        Plan = PollPlanner.Plan(map);
        UnitId = options.UnitId ?? map.DefaultUnitId;
        LineKey = GatewayOptionsValidator.LineKey(options);
        PointCount = Plan.Blocks.Sum(b => b.Points.Count);
        LastGood = new LastGoodValues(PointCount);
    }

    /// <summary>Gets the configuration.</summary>
    public DeviceOptions Options { get; }

    /// <summary>Gets the tags every point carries.</summary>
    public DeviceTags Tags { get; }

    /// <summary>Gets the register map.</summary>
    public RegisterMap Map { get; }

    /// <summary>Gets the coalesced reads.</summary>
    public PollPlan Plan { get; }

    /// <summary>Gets how many points a poll yields.</summary>
    public int PointCount { get; }

    /// <summary>Gets the Modbus unit id.</summary>
    public byte UnitId { get; }

    /// <summary>Gets the line (shared master) the device is on.</summary>
    public string LineKey { get; }

    /// <summary>Gets the per-device counters.</summary>
    public DeviceCounters Counters { get; } = new();

    /// <summary>Gets the last good value of each planned point (for stale readings).</summary>
    internal LastGoodValues LastGood { get; }
}
