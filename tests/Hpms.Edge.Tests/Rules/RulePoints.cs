using Hpms.Edge.Rules;
using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Rules;

/// <summary>Readings on a fixed time base: minute m is T0 + m minutes.</summary>
internal static class RulePoints
{
    public const long T0 = 1_750_000_000_000;

    public static readonly DeviceTags Fridge = new("st-marys", "b1", "pharmacy", "gw-1", "cold-chain-fridge", "fridge-1");
    public static readonly DeviceTags Fridge2 = new("st-marys", "b1", "ward-3", "gw-1", "cold-chain-fridge", "fridge-2");
    public static readonly DeviceTags Cabinet = new("st-marys", "b1", "theatre", "gw-1", "smart-supply-cabinet", "cab-1");
    public static readonly DeviceTags GasPanel = new("st-marys", "b1", "plant", "gw-1", "medical-gas-panel", "gas-1");
    public static readonly DeviceTags Ahu = new("st-marys", "b1", "theatre", "gw-1", "air-handling-unit", "ahu-1");

    public static long At(double minutes) => T0 + (long)Math.Round(minutes * 60_000);

    public static TelemetryPoint P(DeviceTags device, string channel, double value, double minutes, Quality quality = Quality.Good, string unit = "") =>
        new(device, channel, value, unit, quality, At(minutes));

    public static TelemetryPoint Temp(double value, double minutes, Quality quality = Quality.Good) =>
        P(Fridge, "temperature", value, minutes, quality, "°C");

    /// <summary>Temperatures one per minute starting at minute <paramref name="from"/>.</summary>
    public static IEnumerable<TelemetryPoint> Temps(double from, params double[] values) =>
        values.Select((v, i) => Temp(v, from + i));

    public static RulesOptions Only(Action<RulesOptions> configure)
    {
        var options = new RulesOptions { IncludeDefaults = false };
        configure(options);
        return options;
    }

    public static ThresholdRuleOptions FridgeHigh(double onDelayMinutes = 15, double hysteresis = 0.5, double offDelayMinutes = 0) => new()
    {
        Id = "fridge.high", DeviceClass = "cold-chain-fridge", Channel = "temperature", Direction = ThresholdDirection.Above, Limit = 8,
        OnDelay = TimeSpan.FromMinutes(onDelayMinutes), Hysteresis = hysteresis, OffDelay = TimeSpan.FromMinutes(offDelayMinutes),
        Severity = EventSeverity.Critical,
    };
}
