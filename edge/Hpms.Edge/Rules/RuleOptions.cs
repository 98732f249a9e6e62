using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>
/// What every rule entry shares: an id and whom it applies to. An entry targets either a device class (all
/// devices of that register map) or one device; for a given device an entry with its <see cref="Device"/>
/// replaces the class entry with the same <see cref="Id"/> (as a whole: repeat every field), and
/// <see cref="Enabled"/> = false switches the rule off for it.
/// </summary>
public abstract class RuleOptions
{
    /// <summary>Rule id, e.g. <c>fridge.temperature.high</c>; part of every event id, so keep it stable.</summary>
    public string Id { get; set; } = "";

    /// <summary>Device class (register-map <c>deviceClass</c>) the rule applies to; set this or <see cref="Device"/>.</summary>
    public string? DeviceClass { get; set; }

    /// <summary>Device id the rule applies to; set this or <see cref="DeviceClass"/>.</summary>
    public string? Device { get; set; }

    /// <summary>False switches the rule off (useful in a per-device override).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Severity of the events it raises.</summary>
    public EventSeverity Severity { get; set; } = EventSeverity.Warning;
}
