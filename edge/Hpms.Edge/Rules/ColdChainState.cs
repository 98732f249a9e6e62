namespace Hpms.Edge.Rules;

/// <summary>Running cold-chain statistics of one channel and the excursion in progress, if any.</summary>
internal sealed class ColdChainState : SeriesState
{
    public long SampleCount { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public long OutOfRangeMs { get; set; }

    public long CoveredMs { get; set; }

    /// <summary>Σ dt·e^(−ΔH/RT) over the covered time, dt in ms.</summary>
    public double SumWeightMs { get; set; }

    public long? FirstMs { get; set; }

    public long? LastMs { get; set; }

    public double LastValue { get; set; }

    public long? ExcursionStartMs { get; set; }

    public double ExcursionPeak { get; set; }

    public long ExcursionOutMs { get; set; }

    public double ExcursionSumWeightMs { get; set; }
}
