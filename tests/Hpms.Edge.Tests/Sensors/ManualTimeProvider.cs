namespace Hpms.Edge.Tests.Sensors;

/// <summary>A clock that stands still; timers fire only when the test calls <see cref="Fire"/>.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public DateTimeOffset Now { get; set; } = now;

    /// <summary>Due times of every timer created, in order.</summary>
    public List<TimeSpan> Requested { get; } = [];

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state, dueTime, period);
        lock (_timers)
        {
            _timers.Add(timer);
            Requested.Add(dueTime);
        }

        return timer;
    }

    /// <summary>Fires every armed timer once; one-shot timers disarm.</summary>
    /// <returns>How many fired.</returns>
    public int Fire()
    {
        ManualTimer[] armed;
        lock (_timers)
        {
            armed = [.. _timers.Where(t => t.Armed)];
        }

        foreach (ManualTimer timer in armed)
        {
            timer.Tick();
        }

        return armed.Length;
    }

    private void Remove(ManualTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) : ITimer
    {
        private TimeSpan _due = dueTime;
        private TimeSpan _period = period;

        public bool Armed => _due != Timeout.InfiniteTimeSpan;

        public void Tick()
        {
            _due = _period;
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _due = dueTime;
            _period = period;
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
