using Hpms.Edge.Polling;
using Microsoft.Extensions.Hosting;

namespace Hpms.Edge.Pipeline;

/// <summary>Hands every reading from the pollers to each consumer in registration order (rules, buffers, latest values).</summary>
public sealed class PipelineService(ReadingChannel input, IEnumerable<IReadingConsumer> consumers) : BackgroundService
{
    private readonly IReadingConsumer[] _consumers = [.. consumers];

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (DeviceReading reading in input.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (IReadingConsumer consumer in _consumers)
                {
                    await consumer.ConsumeAsync(reading, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
