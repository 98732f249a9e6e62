namespace Hpms.Simulators.Devices;

/// <summary>
/// Draws from the distributions device models need, always from the device's own seeded
/// <see cref="Random"/> so a run repeats exactly.
/// </summary>
internal static class ModelRandom
{
    /// <summary>A standard normal draw (Box–Muller; one of the pair is discarded to keep no hidden state).</summary>
    /// <param name="random">The device's random stream.</param>
    /// <returns>A value with mean 0 and standard deviation 1.</returns>
    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A Poisson draw: how many of a rare happening occur in one step.</summary>
    /// <param name="random">The device's random stream.</param>
    /// <param name="mean">Expected count (≥ 0).</param>
    /// <returns>The count.</returns>
    public static int Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            // Normal approximation: Knuth's product underflows and slows down for large means.
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Gaussian(random))));
        }

        double limit = Math.Exp(-mean);
        double product = random.NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    /// <summary>
    /// One step of an Ornstein–Uhlenbeck process: noise that wanders around zero with a correlation
    /// time, so a reading is not white static and does not depend on how often it is sampled.
    /// </summary>
    /// <param name="random">The device's random stream.</param>
    /// <param name="value">Current noise value.</param>
    /// <param name="sigma">Long-run standard deviation.</param>
    /// <param name="correlationSeconds">Correlation time.</param>
    /// <param name="stepSeconds">Step length.</param>
    /// <returns>The next noise value.</returns>
    public static double Wander(Random random, double value, double sigma, double correlationSeconds, double stepSeconds)
    {
        double keep = Math.Exp(-stepSeconds / correlationSeconds);
        return (value * keep) + (sigma * Math.Sqrt(1 - (keep * keep)) * Gaussian(random));
    }
}
