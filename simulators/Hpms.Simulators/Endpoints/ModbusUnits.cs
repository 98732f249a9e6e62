using Hpms.Protocols.Modbus.Server;

namespace Hpms.Simulators.Endpoints;

/// <summary>The data store of each unit id served on one endpoint (null where no device is).</summary>
public sealed class ModbusUnits
{
    private readonly IModbusDataStore?[] _stores = new IModbusDataStore?[256];

    /// <summary>Places a device's store at a unit id.</summary>
    /// <param name="unitId">1..247.</param>
    /// <param name="store">The store.</param>
    public void Add(byte unitId, IModbusDataStore store) => _stores[unitId] = store;

    /// <summary>Looks a unit up (the server's callback).</summary>
    /// <param name="unitId">Addressed unit.</param>
    /// <returns>Its store, or null (the server stays silent, as a device on a shared bus does).</returns>
    public IModbusDataStore? Find(byte unitId) => _stores[unitId];
}
