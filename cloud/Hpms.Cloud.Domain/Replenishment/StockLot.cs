namespace Hpms.Cloud.Domain.Replenishment;

/// <summary>A lot seen in a bin.</summary>
/// <param name="Bin">Bin number.</param>
/// <param name="Lot">Lot number.</param>
/// <param name="ExpiryUnixMs">Expiry (UTC ms), if known.</param>
public sealed record StockLot(int Bin, string Lot, long? ExpiryUnixMs);
