using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>
/// The rules a hospital expects out of the box, per device class of <c>firmware-protocols/devices/</c>. A site
/// overrides one by configuring an entry with the same id (for the class, or for one device).
/// </summary>
public static class DefaultRules
{
    /// <summary>Device class of the cold-chain fridge map.</summary>
    public const string Fridge = "cold-chain-fridge";

    /// <summary>Device class of the smart supply cabinet map.</summary>
    public const string Cabinet = "smart-supply-cabinet";

    /// <summary>Device class of the air-handling unit map.</summary>
    public const string AirHandlingUnit = "air-handling-unit";

    /// <summary>Device class of the medical gas panel map.</summary>
    public const string MedicalGasPanel = "medical-gas-panel";

    /// <summary>Device class of the occupancy counter map.</summary>
    public const string OccupancyCounter = "occupancy-counter";

    /// <summary>A fresh copy of the defaults (with <see cref="RulesOptions.IncludeDefaults"/> false).</summary>
    /// <returns>The default rules.</returns>
    public static RulesOptions Create()
    {
        var rules = new RulesOptions { IncludeDefaults = false };
        AddFridge(rules);
        AddCabinet(rules);
        AddAirHandlingUnit(rules);
        AddMedicalGasPanel(rules);
        AddOccupancyCounter(rules);
        return rules;
    }

    // Vaccines and most refrigerated medicines: +2 to +8 °C; a 15 min delay rides out door openings and defrost.
    private static void AddFridge(RulesOptions rules)
    {
        rules.Thresholds.Add(new ThresholdRuleOptions
        {
            Id = "fridge.temperature.high", DeviceClass = Fridge, Channel = "temperature", Direction = ThresholdDirection.Above,
            Limit = 8, OnDelay = TimeSpan.FromMinutes(15), Hysteresis = 0.5, Severity = EventSeverity.Critical,
        });
        rules.Thresholds.Add(new ThresholdRuleOptions
        {
            Id = "fridge.temperature.low", DeviceClass = Fridge, Channel = "temperature", Direction = ThresholdDirection.Below,
            Limit = 2, OnDelay = TimeSpan.FromMinutes(15), Hysteresis = 0.5, Severity = EventSeverity.Critical,
        });
        rules.DoorsOpen.Add(new DoorOpenRuleOptions
        {
            Id = "fridge.door-open", DeviceClass = Fridge, Channel = "door.open", MaxOpen = TimeSpan.FromMinutes(5),
        });
        rules.ColdChain.Add(new ColdChainRuleOptions
        {
            Id = "fridge.cold-chain", DeviceClass = Fridge, Channel = "temperature", LowC = 2, HighC = 8, Severity = EventSeverity.Info,
        });
    }

    private static void AddCabinet(RulesOptions rules)
    {
        rules.StockReorder.Add(new StockReorderRuleOptions { Id = "cabinet.stock-reorder", DeviceClass = Cabinet });
        rules.DoorsOpen.Add(new DoorOpenRuleOptions
        {
            Id = "cabinet.door-open", DeviceClass = Cabinet, Channel = "door.open", MaxOpen = TimeSpan.FromMinutes(5),
        });
    }

    // The filter maker's final resistance is a register of the unit, so the limit follows it.
    private static void AddAirHandlingUnit(RulesOptions rules) =>
        rules.Thresholds.Add(new ThresholdRuleOptions
        {
            Id = "ahu.filter.final-resistance", DeviceClass = AirHandlingUnit, Channel = "filter.differential-pressure",
            Direction = ThresholdDirection.AtOrAbove, LimitChannel = "filter.final-resistance",
            OnDelay = TimeSpan.FromMinutes(10), Hysteresis = 10,
        });

    // The panel carries its own O2 alarm limits (nominal ± 20 %); the LOX reorder level is 25 % as on the panel.
    private static void AddMedicalGasPanel(RulesOptions rules)
    {
        rules.Thresholds.Add(new ThresholdRuleOptions
        {
            Id = "gas.o2.pressure.high", DeviceClass = MedicalGasPanel, Channel = "o2.pressure", Direction = ThresholdDirection.Above,
            LimitChannel = "o2.pressure.high-limit", OnDelay = TimeSpan.FromSeconds(30), Hysteresis = 5, Severity = EventSeverity.Critical,
        });
        rules.Thresholds.Add(new ThresholdRuleOptions
        {
            Id = "gas.o2.pressure.low", DeviceClass = MedicalGasPanel, Channel = "o2.pressure", Direction = ThresholdDirection.Below,
            LimitChannel = "o2.pressure.low-limit", OnDelay = TimeSpan.FromSeconds(30), Hysteresis = 5, Severity = EventSeverity.Critical,
        });
        rules.Thresholds.Add(new ThresholdRuleOptions
        {
            Id = "gas.lox.low", DeviceClass = MedicalGasPanel, Channel = "lox.level", Direction = ThresholdDirection.Below,
            Limit = 25, Hysteresis = 2,
        });
        rules.RatesOfChange.Add(new RateOfChangeRuleOptions
        {
            Id = "gas.o2.pressure.falling", DeviceClass = MedicalGasPanel, Channel = "o2.pressure", Direction = RateDirection.Falling,
            MaxRatePerMinute = 20, Window = TimeSpan.FromMinutes(5),
        });
        rules.SwitchOvers.Add(new SwitchOverRuleOptions { Id = "gas.o2.switchover", DeviceClass = MedicalGasPanel, Channel = "o2.switchover-count" });
        rules.SwitchOvers.Add(new SwitchOverRuleOptions { Id = "gas.n2o.switchover", DeviceClass = MedicalGasPanel, Channel = "n2o.switchover-count" });
    }

    private static void AddOccupancyCounter(RulesOptions rules) =>
        rules.Thresholds.Add(new ThresholdRuleOptions
        {
            Id = "occupancy.over-capacity", DeviceClass = OccupancyCounter, Channel = "occupancy.percent", Direction = ThresholdDirection.Above,
            Limit = 100, OnDelay = TimeSpan.FromMinutes(5), Hysteresis = 5,
        });
}
