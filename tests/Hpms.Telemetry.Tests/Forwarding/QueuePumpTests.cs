using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Telemetry.Tests.Forwarding;

public sealed class QueuePumpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hpms-pump-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Regression: an exception from the sink (MQTTnet's, on a flapping WAN) ended the pump; the queue never drained again.
    [Fact]
    public async Task RunAsync_SenderThrows_RetriesAndDeliversEveryRecord()
    {
        using DurableQueue queue = DurableQueue.Open(new DurableQueueOptions { Directory = _directory, Name = "pump" }, NullLogger<DurableQueue>.Instance);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(queue.Append(RecordKind.Telemetry, [(byte)i]).IsAppended);
        }

        var sender = new ThrowingSender(failures: 3);
        var pump = new QueuePump(queue, sender, new QueuePumpOptions { MaxRecords = 4, InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) }, NullLogger.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task running = pump.RunAsync(stop.Token);

        while (queue.Counters.DepthRecords > 0 && !running.IsCompleted && !stop.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        Assert.False(running.IsCompleted, running.Exception?.GetBaseException().Message ?? "the pump ended");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(0, queue.Counters.DepthRecords);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), sender.Delivered);
        Assert.Equal(3, pump.FailedAttempts);
        Assert.Equal(10, pump.RecordsSent);
    }

    private sealed class ThrowingSender(int failures) : IBatchSender
    {
        private int _failures = failures;

        public string Name => "throwing";

        public List<byte> Delivered { get; } = [];

        public Task<SendOutcome> SendAsync(DurableQueueBatch batch, CancellationToken cancellationToken)
        {
            if (_failures-- > 0)
            {
                throw new InvalidOperationException("not allowed to connect while a disconnect is pending");
            }

            for (int i = 0; i < batch.Count; i++)
            {
                Delivered.Add(batch.GetPayload(i).Span[0]);
            }

            return Task.FromResult(SendOutcome.Delivered);
        }
    }
}
