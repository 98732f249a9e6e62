namespace Hpms.Cloud.Replenishment;

/// <summary>An item of the catalogue (<c>items</c>) with what ordering needs.</summary>
public sealed record CatalogItem
{
    /// <summary>Gets the item id.</summary>
    public string Id { get; init; } = "";

    /// <summary>Gets the supplier.</summary>
    public string SupplierId { get; init; } = "";

    /// <summary>Gets units per pack.</summary>
    public int PackSize { get; init; } = 1;

    /// <summary>Gets how many days before expiry a lot counts as near expiry.</summary>
    public int NearExpiryDays { get; init; } = 30;
}
