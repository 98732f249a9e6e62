namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>Something a cabinet reports on its own (badge, forced door, low stock...).</summary>
/// <param name="Kind">One of the <see cref="CabinetNoticeKinds"/>.</param>
/// <param name="At">Simulated time.</param>
/// <param name="Bin">Bin concerned (1-based), or 0.</param>
/// <param name="Badge">Badge concerned, or 0.</param>
/// <param name="Count">Items on hand for stock notices, else 0.</param>
public readonly record struct CabinetNotice(string Kind, DateTimeOffset At, int Bin = 0, uint Badge = 0, int Count = 0);
