using System.Diagnostics;

namespace Hpms.Simulators.Time;

/// <summary>Maps wall time onto simulated time: start + wall elapsed × speed.</summary>
public sealed class SimulationClock
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    /// <summary>Creates a clock that starts now.</summary>
    /// <param name="start">Simulated time at this moment.</param>
    /// <param name="speed">Simulated seconds per wall second.</param>
    public SimulationClock(DateTimeOffset start, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        Start = start;
        Speed = speed;
    }

    /// <summary>Gets the simulated start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets simulated seconds per wall second.</summary>
    public double Speed { get; }

    /// <summary>Gets wall time since the clock started.</summary>
    public TimeSpan WallElapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Gets simulated time now.</summary>
    public DateTimeOffset Now => Start + (WallElapsed * Speed);
}
