namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>
/// An ordinary least-squares line through a series, with the figures that say whether to believe it:
/// n, R² and the slope's standard error. Time is in hours relative to the newest point, so the intercept
/// is the fitted value "now" and large Unix times cost no precision. NaN and infinite values are skipped
/// and counted in <see cref="Rejected"/>; a fit that cannot be made says why in <see cref="Status"/>.
/// </summary>
/// <param name="Status">Whether a line was fitted.</param>
/// <param name="Count">Points used.</param>
/// <param name="Rejected">Points skipped (NaN or infinite).</param>
/// <param name="SlopePerHour">Slope, channel unit per hour (0 unless fitted).</param>
/// <param name="SlopeStandardError">Standard error of the slope, unit per hour.</param>
/// <param name="RSquared">Coefficient of determination, 0..1 (0 unless fitted).</param>
/// <param name="LastTimeUnixMs">Time of the newest point (0 when there is none).</param>
/// <param name="FittedAtLast">The line's value at <paramref name="LastTimeUnixMs"/> (the mean when not fitted).</param>
/// <param name="LastValue">The newest point's value (NaN when there is none).</param>
public sealed record LinearTrend(
    TrendFitStatus Status,
    int Count,
    int Rejected,
    double SlopePerHour,
    double SlopeStandardError,
    double RSquared,
    long LastTimeUnixMs,
    double FittedAtLast,
    double LastValue)
{
    private const double MsPerHour = 3_600_000.0;

    /// <summary>Gets the slope per day.</summary>
    public double SlopePerDay => SlopePerHour * 24.0;

    /// <summary>Fits a line through the finite points (any order).</summary>
    /// <param name="points">The series.</param>
    /// <returns>The fit, or the reason there is none.</returns>
    public static LinearTrend Fit(IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = 0, rejected = 0;
        long last = long.MinValue;
        double lastValue = double.NaN, sumY = 0;
        foreach (TrendPoint p in points)
        {
            if (!double.IsFinite(p.Value))
            {
                rejected++;
                continue;
            }

            n++;
            sumY += p.Value;
            if (p.TimeUnixMs >= last)
            {
                last = p.TimeUnixMs;
                lastValue = p.Value;
            }
        }

        if (n == 0)
        {
            return new LinearTrend(TrendFitStatus.TooFewPoints, 0, rejected, 0, 0, 0, 0, double.NaN, double.NaN);
        }

        double meanY = sumY / n;
        if (n < 3)
        {
            return new LinearTrend(TrendFitStatus.TooFewPoints, n, rejected, 0, 0, 0, last, meanY, lastValue);
        }

        double sumX = 0;
        foreach (TrendPoint p in points)
        {
            if (double.IsFinite(p.Value))
            {
                sumX += Hours(p.TimeUnixMs, last);
            }
        }

        double meanX = sumX / n, sxx = 0, sxy = 0, syy = 0;
        foreach (TrendPoint p in points)
        {
            if (double.IsFinite(p.Value))
            {
                double dx = Hours(p.TimeUnixMs, last) - meanX, dy = p.Value - meanY;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }

        if (sxx == 0)
        {
            return new LinearTrend(TrendFitStatus.SameTime, n, rejected, 0, 0, 0, last, meanY, lastValue);
        }

        if (syy == 0)
        {
            return new LinearTrend(TrendFitStatus.Flat, n, rejected, 0, 0, 0, last, meanY, lastValue);
        }

        double slope = sxy / sxx;
        double intercept = meanY - (slope * meanX);
        double sse = 0;
        foreach (TrendPoint p in points)
        {
            if (double.IsFinite(p.Value))
            {
                double residual = p.Value - (intercept + (slope * Hours(p.TimeUnixMs, last)));
                sse += residual * residual;
            }
        }

        double rSquared = Math.Clamp(1.0 - (sse / syy), 0.0, 1.0);
        double standardError = Math.Sqrt(sse / (n - 2) / sxx);
        return new LinearTrend(TrendFitStatus.Fitted, n, rejected, slope, standardError, rSquared, last, intercept, lastValue);
    }

    /// <summary>The line's value at a time.</summary>
    /// <param name="unixMs">Time, Unix ms.</param>
    /// <returns>The fitted value.</returns>
    public double ValueAt(long unixMs) => FittedAtLast + (SlopePerHour * Hours(unixMs, LastTimeUnixMs));

    /// <summary>When the line reaches <paramref name="level"/> after the newest point, if it heads there.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The crossing time, or null when the line is not fitted, is flat, heads away from the level or is already past it.</returns>
    public long? TimeToReach(double level)
    {
        if (Status != TrendFitStatus.Fitted || SlopePerHour == 0 || !double.IsFinite(level))
        {
            return null;
        }

        double ms = (level - FittedAtLast) / SlopePerHour * MsPerHour;
        return ms < 0 || ms > long.MaxValue - LastTimeUnixMs ? null : LastTimeUnixMs + (long)ms;
    }

    private static double Hours(long unixMs, long origin) => (unixMs - origin) / MsPerHour;
}
