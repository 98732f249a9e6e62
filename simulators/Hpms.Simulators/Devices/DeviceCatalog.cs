namespace Hpms.Simulators.Devices;

/// <summary>Every device class the simulator can run, by the name scenarios use.</summary>
public static class DeviceCatalog
{
    private static readonly Dictionary<string, DeviceClassInfo> s_classes = Build(
        SupplyCabinet.SupplyCabinetDevice.Info,
        SupplyCabinet.MqttSupplyCabinetDevice.Info,
        ColdChain.ColdChainFridgeDevice.Info,
        Occupancy.OccupancyCounterDevice.Info,
        MedicalGas.MedicalGasPanelDevice.Info,
        AirHandling.AirHandlingUnitDevice.Info,
        Generic.GenericModbusDevice.Info);

    /// <summary>Gets all classes.</summary>
    public static IReadOnlyCollection<DeviceClassInfo> All => s_classes.Values;

    /// <summary>Finds a class.</summary>
    /// <param name="name">Class name.</param>
    /// <param name="info">The class, when known.</param>
    /// <returns>Whether it is known.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceClassInfo? info) =>
        s_classes.TryGetValue(name, out info);

    private static Dictionary<string, DeviceClassInfo> Build(params DeviceClassInfo[] classes) =>
        classes.ToDictionary(c => c.Name, StringComparer.Ordinal);
}
