namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>When a fitted trend is good enough to act on: enough points and enough of the variation explained.</summary>
public sealed class TrendTrust
{
    /// <summary>Gets or sets the fewest points (downsampled buckets) a trend needs.</summary>
    public int MinPoints { get; set; } = 12;

    /// <summary>Gets or sets the smallest R² a trend needs (0..1).</summary>
    public double MinRSquared { get; set; } = 0.6;

    /// <summary>Whether a trend can be acted on.</summary>
    /// <param name="trend">The trend.</param>
    /// <returns>True when fitted with enough points and R².</returns>
    public bool Accepts(LinearTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return trend.Status == TrendFitStatus.Fitted && trend.Count >= MinPoints && trend.RSquared >= MinRSquared;
    }

    /// <summary>Problems with the settings, each naming its key.</summary>
    /// <param name="prefix">Configuration key prefix.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Validate(string prefix)
    {
        if (MinPoints < 3)
        {
            yield return $"{prefix}:MinPoints must be at least 3.";
        }

        if (!(MinRSquared >= 0 && MinRSquared <= 1))
        {
            yield return $"{prefix}:MinRSquared must be between 0 and 1.";
        }
    }
}
