namespace Hpms.Cloud.Replenishment;

/// <summary>An order line as the API and exports show it.</summary>
public sealed record OrderLineRow
{
    /// <summary>Gets the id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the order.</summary>
    public long OrderId { get; init; }

    /// <summary>Gets the cabinet or gas panel.</summary>
    public string CabinetId { get; init; } = "";

    /// <summary>Gets the bin, if any.</summary>
    public int? Bin { get; init; }

    /// <summary>Gets the item.</summary>
    public string ItemId { get; init; } = "";

    /// <summary>Gets units ordered.</summary>
    public int Quantity { get; init; }

    /// <summary>Gets units on hand when raised.</summary>
    public int OnHand { get; init; }

    /// <summary>Gets the par level.</summary>
    public int Par { get; init; }

    /// <summary>Gets units already on order when raised.</summary>
    public int OnOrder { get; init; }

    /// <summary>Gets units per pack.</summary>
    public int PackSize { get; init; }

    /// <summary>Gets open, closed or cancelled.</summary>
    public string Status { get; init; } = "";

    /// <summary>Gets whether lots of the item expire soon.</summary>
    public bool NearExpiry { get; init; }

    /// <summary>Gets those lots (JSON).</summary>
    public string? NearExpiryLots { get; init; }

    /// <summary>Gets whether the item is missing from the catalogue.</summary>
    public bool UnknownItem { get; init; }

    /// <summary>Gets the event that raised it.</summary>
    public string SourceEventId { get; init; } = "";

    /// <summary>Gets when it was raised.</summary>
    public long CreatedMs { get; init; }

    /// <summary>Gets when it closed.</summary>
    public long? ClosedMs { get; init; }

    /// <summary>Gets why it closed.</summary>
    public string? CloseReason { get; init; }
}
