namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>Waits on a condition with a deadline instead of sleeping a guessed time.</summary>
public static class Poll
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(10);

    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        long end = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > end)
            {
                throw new TimeoutException($"not reached within {deadline.TotalSeconds:F1} s: {describe()}");
            }

            await Task.Delay(s_interval);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        long end = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        while (!await condition())
        {
            if (Environment.TickCount64 > end)
            {
                throw new TimeoutException($"not reached within {deadline.TotalSeconds:F1} s: {describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
