namespace Hpms.Cloud.Replenishment;

/// <summary>An order line to add.</summary>
/// <param name="CabinetId">The cabinet (or gas panel) it restocks.</param>
/// <param name="Bin">The bin, if any.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">Units to order (&gt; 0).</param>
/// <param name="OnHand">Counted when raised.</param>
/// <param name="Par">Par level.</param>
/// <param name="OnOrder">Already on order when raised.</param>
/// <param name="PackSize">Units per pack.</param>
/// <param name="SourceEventId">What raised it.</param>
/// <param name="NearExpiry">Whether lots of the item in the cabinet expire soon.</param>
/// <param name="NearExpiryLotsJson">Those lots (JSON), if any.</param>
/// <param name="UnknownItem">Whether the item is missing from the catalogue.</param>
public sealed record NewOrderLine(
    string CabinetId,
    int? Bin,
    string ItemId,
    int Quantity,
    int OnHand,
    int Par,
    int OnOrder,
    int PackSize,
    string SourceEventId,
    bool NearExpiry,
    string? NearExpiryLotsJson,
    bool UnknownItem);
