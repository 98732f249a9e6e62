using System.Globalization;
using Hpms.Edge.Rules;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.MqttDevices;

/// <summary>
/// Turns what an MQTT-native cabinet raises on its own (badge access, forced door, stock, unlock) into the
/// <see cref="DeviceEvent"/> the cloud receives from every other source. Each one is momentary; its kind is
/// <c>cabinet:{cabinet kind}:{series}</c> (series <c>binNN</c> for a bin, else <c>cabinet</c>), and its id is
/// derived from device, kind, series, sequence and device time, so a QoS 1 redelivery names the same event
/// and the cloud drops the repeat. Kinds the gateway does not know are not forwarded (the contract lets
/// devices add kinds; consumers ignore them).
/// </summary>
public static class CabinetEventMapper
{
    /// <summary>The event family of cabinet events (first part of <see cref="DeviceEvent.Kind"/>).</summary>
    public const string Family = "cabinet";

    private const long MinPlausibleUnixMs = 946_684_800_000; // 2000-01-01, the envelope's lower bound
    private const long MaxPlausibleUnixMs = 4_102_444_800_000; // 2100-01-01, its upper bound

    private static readonly Dictionary<string, (EventSeverity Severity, string Text)> s_kinds = new(StringComparer.Ordinal)
    {
        ["badge"] = (EventSeverity.Info, "badge access"),
        ["badge-refused"] = (EventSeverity.Warning, "badge refused"),
        ["door-forced"] = (EventSeverity.Critical, "door forced open"),
        ["stock-below-reorder"] = (EventSeverity.Warning, "stock below reorder point"),
        ["stock-out"] = (EventSeverity.Warning, "stock out"),
        ["restock"] = (EventSeverity.Info, "restocked"),
        ["unlock"] = (EventSeverity.Info, "unlocked"),
        ["unlock-refused"] = (EventSeverity.Warning, "unlock refused"),
    };

    /// <summary>Gets whether the gateway forwards a cabinet event kind.</summary>
    /// <param name="kind">The cabinet's kind.</param>
    /// <returns>True when known.</returns>
    public static bool IsKnown(string kind) => s_kinds.ContainsKey(kind);

    /// <summary>Maps a validated cabinet event.</summary>
    /// <param name="cabinetEvent">The event (already checked against its topic's device).</param>
    /// <param name="device">The cabinet's tags.</param>
    /// <param name="receivedUnixMs">When the gateway received it: the event's time when the cabinet's clock is implausible.</param>
    /// <returns>The envelope, or null for a kind the gateway does not know.</returns>
    public static DeviceEvent? ToDeviceEvent(CabinetEvent cabinetEvent, DeviceTags device, long receivedUnixMs)
    {
        ArgumentNullException.ThrowIfNull(cabinetEvent);
        ArgumentNullException.ThrowIfNull(device);
        if (!s_kinds.TryGetValue(cabinetEvent.Kind, out (EventSeverity Severity, string Text) known))
        {
            return null;
        }

        string series = cabinetEvent.Bin > 0 ? string.Create(CultureInfo.InvariantCulture, $"bin{cabinetEvent.Bin:00}") : Family;
        string id = EventIds.Create(
            Family + ":" + cabinetEvent.Kind, device.Site, device.DeviceId, series + "#" + cabinetEvent.Sequence.ToString(CultureInfo.InvariantCulture), cabinetEvent.TimeUnixMs);
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["sequence"] = cabinetEvent.Sequence };
        string message = known.Text;
        if (cabinetEvent.Bin > 0)
        {
            values["bin"] = cabinetEvent.Bin;
            values["count"] = cabinetEvent.Count;
            message += string.Create(CultureInfo.InvariantCulture, $", bin {cabinetEvent.Bin} ({cabinetEvent.Count} on hand)");
        }

        if (cabinetEvent.Badge != 0)
        {
            values["badge"] = cabinetEvent.Badge;
            message += string.Create(CultureInfo.InvariantCulture, $", badge {cabinetEvent.Badge}");
        }

        // A cabinet whose clock was never set reports 1970: the envelope would be refused downstream.
        long started = cabinetEvent.TimeUnixMs is >= MinPlausibleUnixMs and <= MaxPlausibleUnixMs ? cabinetEvent.TimeUnixMs : receivedUnixMs;
        return new DeviceEvent(
            id, string.Concat(Family, ":", cabinetEvent.Kind, ":", series), device, EventState.Momentary, known.Severity, started, null, values, message);
    }
}
