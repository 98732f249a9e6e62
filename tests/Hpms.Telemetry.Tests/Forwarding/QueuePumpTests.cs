using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Hpms.Telemetry.Tests.Buffering;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Telemetry.Tests.Forwarding;

public sealed class QueuePumpTests
{
    [Fact]
    public async Task RunAsync_SenderThrows_CountsRetriesAndDeliversEverything()
    {
        // Regression: an exception from the sender (MQTTnet's "connect/disconnect is pending" with the WAN cut)
        // escaped the pump and stopped hpms-edge's host.
        using var directory = new TempDirectory();
        using DurableQueue queue = QueueTestKit.Open(QueueTestKit.Options(directory.Path));
        for (long i = 0; i < 10; i++)
        {
            Assert.True(queue.Append(RecordKind.Telemetry, QueueTestKit.Payload(i)).IsAppended);
        }

        var sender = new ThrowingSender(failures: 3);
        var pump = new QueuePump(queue, sender, new QueuePumpOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) }, NullLogger.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Task running = pump.RunAsync(stop.Token);
        while (pump.RecordsSent < 10 && !stop.IsCancellationRequested)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(10, pump.RecordsSent);
        Assert.Equal(3, pump.SenderErrors);
        Assert.Equal(3, pump.FailedAttempts);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), sender.Counters);
    }

    private sealed class ThrowingSender(int failures) : IBatchSender
    {
        private int _failures = failures;

        public string Name => "throwing";

        public List<long> Counters { get; } = [];

        public Task<SendOutcome> SendAsync(DurableQueueBatch batch, CancellationToken cancellationToken)
        {
            if (_failures-- > 0)
            {
                throw new InvalidOperationException("Not allowed to connect while connect/disconnect is pending.");
            }

            for (int i = 0; i < batch.Count; i++)
            {
                Counters.Add(QueueTestKit.CounterOf(batch.GetPayload(i).Span));
            }

            return Task.FromResult(SendOutcome.Delivered);
        }
    }
}
