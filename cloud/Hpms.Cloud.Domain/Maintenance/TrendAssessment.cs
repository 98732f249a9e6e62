namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>What one analysis of one asset concluded.</summary>
/// <param name="Trend">The fitted trend (null when the analysis needs none).</param>
/// <param name="PredictedUnixMs">When the limit is predicted to be crossed, if a trustworthy trend heads there.</param>
/// <param name="Finding">The work to open, or null.</param>
public sealed record TrendAssessment(LinearTrend? Trend, long? PredictedUnixMs, MaintenanceFinding? Finding)
{
    /// <summary>Gets an assessment that found nothing to analyse.</summary>
    public static TrendAssessment None { get; } = new(null, null, null);
}
