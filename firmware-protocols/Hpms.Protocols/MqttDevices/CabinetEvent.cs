namespace Hpms.Protocols.MqttDevices;

/// <summary>Something the cabinet raises on its own (topic <c>devices/{id}/event</c>).</summary>
/// <param name="DeviceId">Sender.</param>
/// <param name="Sequence">Per-device message sequence shared with reports.</param>
/// <param name="TimeUnixMs">When it happened, device time, UTC ms.</param>
/// <param name="Kind">badge, badge-refused, door-forced, stock-below-reorder, stock-out, restock, unlock, unlock-refused (new kinds may appear: ignore unknown ones).</param>
/// <param name="Bin">Bin concerned, or 0.</param>
/// <param name="Badge">Badge concerned, or 0.</param>
/// <param name="Count">Items on hand for stock events, else 0.</param>
public sealed record CabinetEvent(string DeviceId, long Sequence, long TimeUnixMs, string Kind, int Bin, long Badge, int Count);
