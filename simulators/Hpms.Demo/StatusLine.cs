using System.Globalization;
using Hpms.Cloud.Ingest;
using Hpms.Demo.Composition;

namespace Hpms.Demo;

/// <summary>A line every ten seconds while the demo runs: simulated time and what the cloud has taken in.</summary>
public static class StatusLine
{
    /// <summary>Prints until stopped.</summary>
    /// <param name="system">The running system.</param>
    /// <param name="cancellationToken">Stops.</param>
    /// <returns>A task that ends when stopped.</returns>
    public static async Task RunUntilAsync(DemoSystem system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        IngestCounters counters = system.CloudServices.GetRequiredService<IngestCounters>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {system.Simulator.SimulatedNow:ddd HH:mm}  points {counters.Points,9}  events {counters.EventsHandled,5}  dead letters {counters.DeadLettersStored}"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
