using Hpms.Telemetry.Buffering;
using static Hpms.Telemetry.Tests.Buffering.QueueTestKit;

namespace Hpms.Telemetry.Tests.Buffering;

public sealed class DurableQueueConcurrencyTests
{
    [Fact]
    public async Task AppendAndDrain_OneProducerOneConsumerConcurrently_100kRecordsInOrderOnce()
    {
        const int Total = 100_000;
        using var dir = new TempDirectory();
        using DurableQueue queue = Open(Options(dir.Path, segmentBytes: 256 * 1024, maxBytes: 1024L * 1024 * 1024));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        Task producer = Task.Run(
            () =>
            {
                for (long i = 0; i < Total; i++)
                {
                    RecordKind kind = i % 7 == 0 ? RecordKind.Event : RecordKind.Telemetry;
                    Assert.True(queue.Append(kind, Payload(i, 8 + (int)(i % 50))).IsAppended);
                }
            },
            timeout.Token);

        var lastCounter = new Dictionary<RecordKind, long> { [RecordKind.Event] = -1, [RecordKind.Telemetry] = -1 };
        var nextSequence = new Dictionary<RecordKind, long> { [RecordKind.Event] = 0, [RecordKind.Telemetry] = 0 };
        int received = 0;
        while (received < Total)
        {
            await queue.WaitToReadAsync(timeout.Token);
            while (queue.TryPeekBatch(500, 64 * 1024, out DurableQueueBatch? batch))
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    long counter = CounterOf(batch.GetPayload(i).Span);
                    Assert.True(counter > lastCounter[batch.Kind], $"{batch.Kind} {counter} after {lastCounter[batch.Kind]}");
                    Assert.Equal(nextSequence[batch.Kind], batch.GetSequence(i));
                    Assert.Equal(counter % 7 == 0 ? RecordKind.Event : RecordKind.Telemetry, batch.Kind);
                    lastCounter[batch.Kind] = counter;
                    nextSequence[batch.Kind]++;
                }

                received += batch.Count;
                queue.Commit(batch);
            }
        }

        await producer;
        Assert.Equal(Total, received);
        Assert.False(queue.TryPeekBatch(1, 1, out _));
        Assert.Equal((Total + 6) / 7, queue.Counters.DeliveredEvents);
        Assert.Equal(Total - ((Total + 6) / 7), queue.Counters.DeliveredTelemetry);
        Assert.Equal(0, queue.Counters.DepthBytes);
        AssertBalanced(queue.Counters);
        Assert.True(Directory.GetFiles(Path.Combine(dir.Path, "telemetry"), "*.seg").Length <= 1);
    }
}
