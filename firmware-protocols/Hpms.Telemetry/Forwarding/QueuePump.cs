using Hpms.Telemetry.Buffering;
using Microsoft.Extensions.Logging;

namespace Hpms.Telemetry.Forwarding;

/// <summary>
/// Drains one durable queue into one sink, in order: peek a batch, send, commit when the sink has it;
/// when the sink is down, keep the batch and retry with a doubling back-off (new records keep queuing on
/// disk meanwhile). An outage is logged once when it starts and once when it ends. A sender that throws is
/// retried the same way (logged each time): the pump ends only when cancelled or the queue is disposed.
/// </summary>
public sealed partial class QueuePump(DurableQueue queue, IBatchSender sender, QueuePumpOptions options, ILogger logger)
{
    private long _batchesSent;
    private long _recordsSent;
    private long _rejectedRecords;
    private long _failedAttempts;
    private long _senderErrors;

    /// <summary>Gets batches the sink acknowledged.</summary>
    public long BatchesSent => Interlocked.Read(ref _batchesSent);

    /// <summary>Gets records the sink acknowledged.</summary>
    public long RecordsSent => Interlocked.Read(ref _recordsSent);

    /// <summary>Gets records the sink refused as malformed (committed, not retried).</summary>
    public long RejectedRecords => Interlocked.Read(ref _rejectedRecords);

    /// <summary>Gets send attempts that will be retried.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Gets sends that threw instead of answering (logged; retried like an outage).</summary>
    public long SenderErrors => Interlocked.Read(ref _senderErrors);

    /// <summary>Gets the sink.</summary>
    public IBatchSender Sender => sender;

    /// <summary>Gets the queue.</summary>
    public DurableQueue Queue => queue;

    /// <summary>Runs until cancelled or the queue is disposed.</summary>
    /// <param name="cancellationToken">Stops the pump.</param>
    /// <returns>A task that ends with the pump.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeSpan backoff = options.InitialBackoff;
        bool down = false;
        while (await queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (queue.TryPeekBatch(options.MaxRecords, options.MaxBytes, out DurableQueueBatch? batch))
            {
                SendOutcome outcome = await SendAsync(batch, cancellationToken).ConfigureAwait(false);
                if (outcome == SendOutcome.RetryLater)
                {
                    Interlocked.Increment(ref _failedAttempts);
                    if (!down)
                    {
                        down = true;
                        LogDown(logger, sender.Name, queue.Counters.DepthRecords);
                    }

                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
                    continue;
                }

                int count = batch.Count;
                queue.Commit(batch);
                backoff = options.InitialBackoff;
                if (down)
                {
                    down = false;
                    LogUp(logger, sender.Name, queue.Counters.DepthRecords);
                }

                if (outcome == SendOutcome.Rejected)
                {
                    Interlocked.Add(ref _rejectedRecords, count);
                }
                else
                {
                    Interlocked.Increment(ref _batchesSent);
                    Interlocked.Add(ref _recordsSent, count);
                }
            }
        }
    }

    // The one catch-all of the pump: a sender that breaks its never-throw contract (seen: MQTTnet's "connect/disconnect
    // is pending" while the WAN was cut) is logged, counted as a failed attempt and retried; it must not stop the host.
    private async Task<SendOutcome> SendAsync(DurableQueueBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _senderErrors);
            LogSenderFailed(logger, ex, sender.Name);
            return SendOutcome.RetryLater;
        }
    }

    [LoggerMessage(3, LogLevel.Error, "Sink {Sink} failed unexpectedly; the batch stays queued and is retried")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string sink);

    [LoggerMessage(1, LogLevel.Warning, "Sink {Sink} is unreachable; buffering on disk ({Depth} records waiting)")]
    private static partial void LogDown(ILogger logger, string sink, long depth);

    [LoggerMessage(2, LogLevel.Information, "Sink {Sink} is reachable again; draining the backlog ({Depth} records waiting)")]
    private static partial void LogUp(ILogger logger, string sink, long depth);
}
