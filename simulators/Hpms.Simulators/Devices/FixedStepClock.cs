namespace Hpms.Simulators.Devices;

/// <summary>
/// Cuts whatever time the runner advances into whole steps of one fixed length on a grid that does not
/// depend on how the time arrived: a model stepped by 1 s or by an hour takes exactly the same internal
/// steps and random draws, so results are identical and integration stays stable at any speed. The
/// remainder waits for the next call (a served value is at most one step old).
/// </summary>
internal sealed class FixedStepClock
{
    private readonly long _stepTicks;
    private long _pendingTicks;

    /// <summary>Creates a clock.</summary>
    /// <param name="step">Internal step length.</param>
    public FixedStepClock(TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        Step = step;
        StepSeconds = step.TotalSeconds;
        _stepTicks = step.Ticks;
    }

    /// <summary>Gets the internal step.</summary>
    public TimeSpan Step { get; }

    /// <summary>Gets the internal step in seconds.</summary>
    public double StepSeconds { get; }

    /// <summary>Adds elapsed time and says how many whole steps are now due.</summary>
    /// <param name="elapsed">Simulated time since the last call.</param>
    /// <returns>Steps to take.</returns>
    public int Add(TimeSpan elapsed)
    {
        _pendingTicks += Math.Max(0, elapsed.Ticks);
        long steps = _pendingTicks / _stepTicks;
        _pendingTicks -= steps * _stepTicks;
        return (int)steps;
    }

    /// <summary>The simulated time at the end of step <paramref name="index"/> of <paramref name="count"/> due at <paramref name="now"/>.</summary>
    /// <param name="now">Time passed to Advance.</param>
    /// <param name="index">Zero-based step index.</param>
    /// <param name="count">Steps due.</param>
    /// <returns>The step's end time.</returns>
    public DateTimeOffset EndOfStep(DateTimeOffset now, int index, int count) =>
        now - TimeSpan.FromTicks(_pendingTicks + ((count - 1 - index) * _stepTicks));
}
