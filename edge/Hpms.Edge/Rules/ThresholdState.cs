namespace Hpms.Edge.Rules;

/// <summary>State of a threshold rule for one channel.</summary>
internal sealed class ThresholdState : SeriesState
{
    public AlarmPhase Phase { get; set; }

    /// <summary>First breaching reading of the current (pending or active) condition.</summary>
    public long ConditionSinceMs { get; set; }

    /// <summary>First reading back past the hysteresis band while clearing.</summary>
    public long ClearingSinceMs { get; set; }

    public string? EventId { get; set; }

    public double Peak { get; set; }

    /// <summary>Latest limit read from the limit channel.</summary>
    public double? Limit { get; set; }

    public long? LastValueMs { get; set; }

    public long? LastLimitMs { get; set; }
}
