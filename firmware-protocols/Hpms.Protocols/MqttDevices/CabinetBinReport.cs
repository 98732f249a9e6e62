namespace Hpms.Protocols.MqttDevices;

/// <summary>One bin in a cabinet report.</summary>
/// <param name="Bin">Bin number (1-based).</param>
/// <param name="ItemCode">Catalogue item code (0 = unused bin).</param>
/// <param name="Count">Items on hand.</param>
/// <param name="Lot">Lot of the oldest items.</param>
/// <param name="Expiry">That lot's expiry as yyyymmdd (0 = unknown).</param>
/// <param name="Par">Par level.</param>
/// <param name="ReorderPoint">Reorder point.</param>
/// <param name="Light">Pick-to-light lit.</param>
public sealed record CabinetBinReport(int Bin, long ItemCode, int Count, string Lot, int Expiry, int Par, int ReorderPoint, bool Light);
