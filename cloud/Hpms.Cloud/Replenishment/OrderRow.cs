namespace Hpms.Cloud.Replenishment;

/// <summary>An order as the API and exports show it.</summary>
public sealed record OrderRow
{
    /// <summary>Gets the id.</summary>
    public long Id { get; init; }

    /// <summary>Gets <c>replenishment</c> or <c>gas</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Gets the supplier.</summary>
    public string SupplierId { get; init; } = "";

    /// <summary>Gets the delivery point.</summary>
    public string Storeroom { get; init; } = "";

    /// <summary>Gets open, exported, closed or cancelled.</summary>
    public string Status { get; init; } = "";

    /// <summary>Gets when it was opened.</summary>
    public long CreatedMs { get; init; }

    /// <summary>Gets when it was exported.</summary>
    public long? ExportedMs { get; init; }

    /// <summary>Gets its lines.</summary>
    public IReadOnlyList<OrderLineRow> Lines { get; init; } = [];
}
