namespace Hpms.Telemetry.Tests.Buffering;

/// <summary>A TimeProvider whose timers fire only when the test says so.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<(TimerCallback Callback, object? State)> _timers = [];

    public TimeSpan Period { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Add((callback, state));
        Period = period;
        return new NeverTimer();
    }

    public void FireTimers()
    {
        foreach ((TimerCallback callback, object? state) in _timers)
        {
            callback(state);
        }
    }

    private sealed class NeverTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
