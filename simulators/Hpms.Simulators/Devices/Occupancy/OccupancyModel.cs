namespace Hpms.Simulators.Devices.Occupancy;

/// <summary>
/// The people really in an area: arrivals are a Poisson stream at the current rate; each person
/// leaves independently with the mean stay, so the population settles at rate × stay (Little's law)
/// and lags the flow profile by about one stay.
/// </summary>
public sealed class OccupancyModel
{
    private readonly double _leavePerSecond;

    /// <summary>Creates an empty area.</summary>
    /// <param name="meanStay">Average time a person stays.</param>
    public OccupancyModel(TimeSpan meanStay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(meanStay, TimeSpan.Zero);
        _leavePerSecond = 1.0 / meanStay.TotalSeconds;
    }

    /// <summary>Gets the number of people really present.</summary>
    public int Population { get; private set; }

    /// <summary>Gets the arrivals of the last step.</summary>
    public int Arrived { get; private set; }

    /// <summary>Gets the departures of the last step.</summary>
    public int Left { get; private set; }

    /// <summary>Places people directly (start of a run).</summary>
    /// <param name="people">Population.</param>
    public void Place(int people) => Population = Math.Max(0, people);

    /// <summary>Advances one step.</summary>
    /// <param name="arrivalsPerSecond">Current arrival rate.</param>
    /// <param name="seconds">Step length.</param>
    /// <param name="random">The device's random stream.</param>
    public void Step(double arrivalsPerSecond, double seconds, Random random)
    {
        Left = Math.Min(Population, ModelRandom.Poisson(random, Population * _leavePerSecond * seconds));
        Arrived = ModelRandom.Poisson(random, arrivalsPerSecond * seconds);
        Population += Arrived - Left;
    }
}
