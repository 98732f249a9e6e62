using System.Data.Common;
using Hpms.Cloud.Domain.Events;
using Hpms.Cloud.Events;
using Hpms.Cloud.Telemetry;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Handles one MQTT message from a gateway, whatever transport brought it: validate (refusals are
/// dead-lettered), then telemetry → devices, <c>bin_stock</c>, the time-series sink's durable queue, the
/// latest-telemetry cache and every observer; events → the exactly-once <see cref="EventProcessor"/>; state →
/// the device's online flag. Returns only when the message may be acknowledged: a transient database or
/// sink failure is retried with a doubling delay while the message stays unacknowledged, so a crash
/// meanwhile leaves it with the broker to redeliver.
/// </summary>
public sealed partial class IngestProcessor(
    EventProcessor events,
    DeviceRegistry devices,
    BinStockStore bins,
    DeadLetterStore deadLetters,
    LatestTelemetry latest,
    IEnumerable<ITelemetryObserver> observers,
    ITimeSeriesSink sink,
    IngestCounters counters,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<IngestProcessor> logger)
{
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly ITelemetryObserver[] _observers = [.. observers];
    private readonly TimeSpan _maxRetryDelay = options.Value.MaxRetryDelay;
    private readonly IngestOptions _limits = options.Value;
    private int _failing;

    /// <summary>Handles a message until it may be acknowledged.</summary>
    /// <param name="topic">Its topic.</param>
    /// <param name="payload">Its bytes (untrusted).</param>
    /// <param name="cancellationToken">Stops retrying (shutdown).</param>
    /// <returns>True when done (acknowledge it); false when stopped before it could be handled (do not acknowledge).</returns>
    public async Task<bool> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ValidatedMessage message = MessageValidator.Validate(topic, payload, _limits, time.GetUtcNow().ToUnixTimeMilliseconds());
        TimeSpan delay = s_firstRetryDelay;
        bool holding = false;
        try
        {
            if (!message.IsAccepted)
            {
                await deadLetters.AddAsync(topic, payload, message.Reason!, message.Detail ?? string.Empty, cancellationToken).ConfigureAwait(false);
                return true;
            }

            while (true)
            {
                string problem;
                try
                {
                    if (await ProcessAsync(message, topic, payload, cancellationToken).ConfigureAwait(false))
                    {
                        Recovered();
                        return true;
                    }

                    problem = $"time-series sink {sink.Name} refused the batch";
                }
                catch (Exception ex) when (ex is DbException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    problem = ex.Message;
                }

                counters.RetryStarted();
                if (!holding)
                {
                    holding = true;
                    counters.Holding(true);
                }

                if (Interlocked.Exchange(ref _failing, 1) == 0)
                {
                    LogFailing(logger, problem);
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxRetryDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false; // unacknowledged: the broker redelivers it to this session or, after expiry, to the group
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The one catch-all per message: a bug or data a consumer cannot take must not stop the ingest.
            LogProcessingFailed(logger, ex, topic);
            await deadLetters.AddAsync(topic, payload, DeadLetterReasons.ProcessingFailed, ex.GetType().Name + ": " + ex.Message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            if (holding)
            {
                counters.Holding(false);
            }
        }
    }

    private async Task<bool> ProcessAsync(ValidatedMessage message, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (message.Batch is { } batch)
        {
            return await TelemetryAsync(batch, topic, payload, now, cancellationToken).ConfigureAwait(false);
        }

        if (message.Event is { } e)
        {
            if (!await devices.TouchAsync(e.Device, now, cancellationToken).ConfigureAwait(false))
            {
                await UnknownAsync(topic, payload, e.Device, cancellationToken).ConfigureAwait(false);
                return true;
            }

            EventOutcome outcome = await events.ProcessAsync(new ReceivedEvent(e, EventKind.Parse(e.Kind), topic, now), cancellationToken).ConfigureAwait(false);
            counters.Accepted(IngestMessageKind.Event);
            counters.EventHandled(outcome == EventOutcome.Duplicate);
            return true;
        }

        if (!await devices.ApplyStateAsync(message.Topic!.Device, message.State!, now, cancellationToken).ConfigureAwait(false))
        {
            counters.StateOfUnknownDevice();
        }

        counters.Accepted(IngestMessageKind.State);
        return true;
    }

    private async Task<bool> TelemetryAsync(TelemetryBatch batch, string topic, ReadOnlyMemory<byte> payload, long now, CancellationToken cancellationToken)
    {
        if (!await devices.TouchAsync(batch.Device, now, cancellationToken).ConfigureAwait(false))
        {
            await UnknownAsync(topic, payload, batch.Device, cancellationToken).ConfigureAwait(false);
            return true;
        }

        long newest = 0;
        foreach (TelemetryPoint point in batch.Points)
        {
            newest = Math.Max(newest, point.TimestampUnixMs);
        }

        IReadOnlyList<BinStock> stock = BinStockMapper.Map(batch);
        if (stock.Count > 0)
        {
            await bins.WriteAsync(batch.Device.DeviceId, stock, newest, cancellationToken).ConfigureAwait(false);
        }

        if (!sink.Append(batch))
        {
            return false;
        }

        foreach (TelemetryPoint point in batch.Points)
        {
            latest.Record(batch.Device.DeviceId, point);
        }

        foreach (ITelemetryObserver observer in _observers)
        {
            try
            {
                await observer.ObserveAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // An observer's failure is its own: counted, logged, and the batch goes on to the others.
                counters.ObserverFailed();
                LogObserverFailed(logger, ex, observer.GetType().Name);
            }
        }

        counters.Accepted(IngestMessageKind.Telemetry);
        counters.PointsAccepted(batch.Points.Count, newest);
        return true;
    }

    private Task<bool> UnknownAsync(string topic, ReadOnlyMemory<byte> payload, DeviceTags device, CancellationToken cancellationToken) =>
        deadLetters.AddAsync(topic, payload, DeadLetterReasons.UnknownDevice, $"device {device.DeviceId} is not registered and Ingest:AutoRegisterDevices is false", cancellationToken);

    private void Recovered()
    {
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
        {
            LogRecovered(logger);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Ingest cannot store messages ({Problem}); holding them unacknowledged and retrying")]
    private static partial void LogFailing(ILogger logger, string problem);

    [LoggerMessage(2, LogLevel.Information, "Ingest stores messages again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(3, LogLevel.Error, "Ingest failed to handle a message on {Topic}; dead-lettered")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(4, LogLevel.Warning, "Telemetry observer {Observer} failed")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, string observer);
}
