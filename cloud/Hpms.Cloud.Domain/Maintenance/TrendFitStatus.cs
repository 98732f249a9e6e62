namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>Whether a least-squares line could be fitted, and if not, why.</summary>
public enum TrendFitStatus
{
    /// <summary>A line was fitted.</summary>
    Fitted,

    /// <summary>Fewer than three usable points: no slope error can be estimated.</summary>
    TooFewPoints,

    /// <summary>Every value is the same: slope zero, nothing to extrapolate.</summary>
    Flat,

    /// <summary>Every point has the same time: the slope is undefined.</summary>
    SameTime,
}
