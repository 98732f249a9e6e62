namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>The causes predictive maintenance opens work orders for (one open work order per asset and cause).</summary>
public static class MaintenanceCauses
{
    /// <summary>The filter's ΔP will reach its final resistance soon.</summary>
    public const string FilterClogging = "filter-clogging";

    /// <summary>Fan vibration is in, or heading into, an unacceptable zone.</summary>
    public const string Vibration = "vibration";

    /// <summary>Run hours are reaching the service interval.</summary>
    public const string ServiceInterval = "service-interval";

    /// <summary>A gas line's pressure drifts within its alarm limits (leak suspected).</summary>
    public const string GasPressureDrift = "gas-pressure-drift";
}
