using Hpms.Telemetry.Buffering;

namespace Hpms.Telemetry.Forwarding;

/// <summary>A sink that takes a batch of buffered records (one kind per batch) and says whether it has them.</summary>
public interface IBatchSender
{
    /// <summary>Gets the sink's name (logs, metrics, buffer folder).</summary>
    string Name { get; }

    /// <summary>Sends a batch. Never throws for the sink's own failures: they are outcomes.</summary>
    /// <param name="batch">Records of one kind, in order.</param>
    /// <param name="cancellationToken">Stops the send.</param>
    /// <returns>The outcome.</returns>
    Task<SendOutcome> SendAsync(DurableQueueBatch batch, CancellationToken cancellationToken);
}
