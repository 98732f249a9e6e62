using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Telemetry;

/// <summary>
/// Sees every valid telemetry batch the ingest accepts (after <see cref="LatestTelemetry"/> has it), e.g. to
/// close order lines when a bin is restocked or verify a filter change. Must be quick and must not throw
/// for ordinary data; a failure is counted by the ingest and does not stop it.
/// </summary>
public interface ITelemetryObserver
{
    /// <summary>Observes one batch.</summary>
    /// <param name="batch">The validated batch.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    ValueTask ObserveAsync(TelemetryBatch batch, CancellationToken cancellationToken);
}
