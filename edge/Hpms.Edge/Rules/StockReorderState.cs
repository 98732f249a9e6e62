namespace Hpms.Edge.Rules;

/// <summary>State of a stock rule for one bin.</summary>
internal sealed class StockReorderState : SeriesState
{
    public double? Count { get; set; }

    public double? ReorderPoint { get; set; }

    public bool Active { get; set; }

    public string? EventId { get; set; }

    public long StartMs { get; set; }

    public double Lowest { get; set; }

    public long? LastCountMs { get; set; }

    public long? LastReorderPointMs { get; set; }
}
