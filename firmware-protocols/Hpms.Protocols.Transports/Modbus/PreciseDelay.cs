using System.Diagnostics;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>
/// Waits until a Stopwatch timestamp with sub-millisecond accuracy: the timer sleeps for the
/// bulk and a short spin covers the last stretch. RTU silences (1.75 ms above 19200 baud) are
/// shorter than the timer's granularity, so a plain Task.Delay would halve the line's throughput.
/// </summary>
internal static class PreciseDelay
{
    private static readonly long s_spinWindow = Stopwatch.Frequency * 3 / 1000; // 3 ms

    public static ValueTask UntilAsync(long deadline, CancellationToken cancellationToken)
    {
        long remaining = deadline - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return ValueTask.CompletedTask;
        }

        return remaining <= s_spinWindow ? Spin(deadline) : SleepThenSpinAsync(deadline, remaining, cancellationToken);
    }

    public static long After(TimeSpan delay) => Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);

    private static async ValueTask SleepThenSpinAsync(long deadline, long remaining, CancellationToken cancellationToken)
    {
        var sleep = TimeSpan.FromSeconds((double)(remaining - s_spinWindow) / Stopwatch.Frequency);
        await Task.Delay(sleep, cancellationToken).ConfigureAwait(false);
        await Spin(deadline).ConfigureAwait(false);
    }

    private static ValueTask Spin(long deadline)
    {
        var spinner = default(SpinWait);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            // Thread.Yield gives the other core's work a chance without a timer tick's delay.
            if (spinner.NextSpinWillYield)
            {
                Thread.Yield();
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        return ValueTask.CompletedTask;
    }
}
