using Hpms.Edge.Polling;

namespace Hpms.Edge.Pipeline;

/// <summary>A stage that receives every reading, in order, on the pipeline's single thread.</summary>
public interface IReadingConsumer
{
    /// <summary>Takes one reading.</summary>
    /// <param name="reading">The reading.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>A task that completes when the reading is taken (e.g. appended to a durable buffer).</returns>
    ValueTask ConsumeAsync(DeviceReading reading, CancellationToken cancellationToken);
}
