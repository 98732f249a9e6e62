namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>What a bin stocks and its levels at the start of a run (from settings or generated).</summary>
/// <param name="ItemCode">Catalogue item code (0 = unused bin).</param>
/// <param name="Name">Item name.</param>
/// <param name="Par">Par level.</param>
/// <param name="ReorderPoint">Reorder point.</param>
/// <param name="OnHand">Items on hand.</param>
/// <param name="Lot">Lot of the oldest items (up to 8 ASCII characters).</param>
/// <param name="Expiry">Expiry of that lot as yyyymmdd.</param>
/// <param name="Pack">Pieces per picked unit.</param>
/// <param name="DailyUse">Pieces a weekday consumes on average.</param>
public sealed record CabinetBinStock(
    uint ItemCode, string Name, int Par, int ReorderPoint, int OnHand, string Lot, int Expiry, int Pack, double DailyUse);
