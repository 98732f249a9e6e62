using Hpms.Telemetry.Buffering;
using static Hpms.Telemetry.Tests.Buffering.QueueTestKit;

namespace Hpms.Telemetry.Tests.Buffering;

/// <summary>
/// Size bound and disk-full policy. Records here are 100 bytes with the header (84-byte payloads), segments hold
/// exactly 10 of them (1,000 bytes) and the bound is 4,000 bytes, so every drop is one whole segment of 10.
/// </summary>
public sealed class DurableQueueBoundTests
{
    private const int PayloadBytes = 84;

    [Fact]
    public void Append_PastTheBound_DropsOldestTelemetrySegmentsNeverAnEventAndCountsExactly()
    {
        using var dir = new TempDirectory();
        using DurableQueue queue = Open(BoundOptions(dir.Path));
        for (long i = 0; i < 5; i++)
        {
            Assert.True(queue.Append(RecordKind.Event, Payload(1000 + i, PayloadBytes)).IsAppended);
        }

        for (long i = 0; i < 100; i++)
        {
            Assert.True(queue.Append(RecordKind.Telemetry, Payload(i, PayloadBytes)).IsAppended);
        }

        // 500 bytes of events leave room for 35 telemetry records; from then on every 10th append drops a
        // segment: at the 36th, 46th, ... 96th telemetry append, 7 segments, 70 records; 70..99 remain.
        Assert.Equal(70, queue.Counters.DroppedTelemetry);
        Assert.Equal(0, queue.Counters.DroppedEvents);
        Assert.Equal(35, queue.Counters.DepthRecords);
        var delivered = Drain(queue);
        long[] expected = [.. Enumerable.Range(1000, 5).Select(i => (long)i), .. Enumerable.Range(70, 30).Select(i => (long)i)];
        Assert.Equal(expected, delivered.Select(d => d.Counter));
        AssertBalanced(queue.Counters);
    }

    [Fact]
    public void Append_BoundFullOfEvents_RefusesTelemetryAndDropsOldestEventsOnlyForEvents()
    {
        using var dir = new TempDirectory();
        using DurableQueue queue = Open(BoundOptions(dir.Path));
        for (long i = 0; i < 50; i++)
        {
            Assert.True(queue.Append(RecordKind.Event, Payload(i, PayloadBytes)).IsAppended);
        }

        AppendResult telemetry = queue.Append(RecordKind.Telemetry, Payload(999, PayloadBytes));

        Assert.Equal(new AppendResult(AppendStatus.BufferFull, -1), telemetry);
        Assert.Equal(1, queue.Counters.RefusedTelemetry);
        Assert.Equal(10, queue.Counters.DroppedEvents);
        Assert.Equal(Enumerable.Range(10, 40).Select(i => (long)i), Drain(queue).Select(d => d.Counter));
        AssertBalanced(queue.Counters);
    }

    [Fact]
    public void Append_DeliveredSegmentsFreeRoom_NothingDropped()
    {
        using var dir = new TempDirectory();
        using DurableQueue queue = Open(BoundOptions(dir.Path));
        for (long i = 0; i < 200; i++)
        {
            Assert.True(queue.Append(RecordKind.Telemetry, Payload(i, PayloadBytes)).IsAppended);
            Assert.True(queue.TryPeekBatch(10, 4096, out DurableQueueBatch? batch));
            queue.Commit(batch);
        }

        Assert.Equal(0, queue.Counters.DroppedTelemetry);
        Assert.Equal(200, queue.Counters.DeliveredTelemetry);
    }

    [Fact]
    public void Append_DiskFull_DropsOldestTelemetryAndStoresTheNewRecord()
    {
        using var dir = new TempDirectory();
        var disk = new LimitedDiskFileSystem(dir.Path, capacityBytes: 2500);
        using DurableQueue queue = Open(BoundOptions(dir.Path, maxBytes: 1024 * 1024), disk);
        for (long i = 0; i < 25; i++)
        {
            Assert.True(queue.Append(RecordKind.Telemetry, Payload(i, PayloadBytes)).IsAppended);
        }

        AppendResult telemetry = queue.Append(RecordKind.Telemetry, Payload(25, PayloadBytes));
        AppendResult @event = queue.Append(RecordKind.Event, Payload(100, PayloadBytes));

        Assert.Equal(AppendStatus.Appended, telemetry.Status);
        Assert.Equal(AppendStatus.Appended, @event.Status);
        Assert.Equal(10, queue.Counters.DroppedTelemetry);
        Assert.Equal(1, queue.Counters.DiskErrors);
        Assert.True(disk.UsedBytes() <= 2500);
        long[] expected = [100, .. Enumerable.Range(10, 16).Select(i => (long)i)];
        Assert.Equal(expected, Drain(queue).Select(d => d.Counter));
        AssertBalanced(queue.Counters);
    }

    [Fact]
    public void Append_DiskFullOfEvents_RefusesTelemetryAsDiskFullAndKeepsEveryEvent()
    {
        using var dir = new TempDirectory();
        var disk = new LimitedDiskFileSystem(dir.Path, capacityBytes: 1000);
        using DurableQueue queue = Open(BoundOptions(dir.Path, maxBytes: 1024 * 1024), disk);
        for (long i = 0; i < 10; i++)
        {
            Assert.True(queue.Append(RecordKind.Event, Payload(i, PayloadBytes)).IsAppended);
        }

        AppendResult telemetry = queue.Append(RecordKind.Telemetry, Payload(99, PayloadBytes));

        Assert.Equal(new AppendResult(AppendStatus.DiskFull, -1), telemetry);
        Assert.Equal(1, queue.Counters.RefusedTelemetry);
        Assert.Equal(0, queue.Counters.DroppedEvents);
        Assert.True(queue.Counters.DiskErrors >= 1);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Drain(queue).Select(d => d.Counter));
    }

    [Fact]
    public void Append_DiskFullAfterDelivery_DeletedSegmentsMakeRoomAgain()
    {
        using var dir = new TempDirectory();
        var disk = new LimitedDiskFileSystem(dir.Path, capacityBytes: 2000);
        using DurableQueue queue = Open(BoundOptions(dir.Path, maxBytes: 1024 * 1024), disk);
        for (long i = 0; i < 20; i++)
        {
            queue.Append(RecordKind.Event, Payload(i, PayloadBytes));
        }

        Assert.Equal(AppendStatus.DiskFull, queue.Append(RecordKind.Telemetry, Payload(20, PayloadBytes)).Status);
        Assert.Equal(20, Drain(queue).Count);

        Assert.Equal(AppendStatus.Appended, queue.Append(RecordKind.Telemetry, Payload(21, PayloadBytes)).Status);
        Assert.Equal([21L], Drain(queue).Select(d => d.Counter));
    }

    [Fact]
    public void Append_OtherIOError_RefusedAsDiskErrorCountedNeverThrows()
    {
        using var dir = new TempDirectory();
        var disk = new LimitedDiskFileSystem(dir.Path, long.MaxValue);
        using DurableQueue queue = Open(BoundOptions(dir.Path), disk);
        queue.Append(RecordKind.Telemetry, Payload(1, PayloadBytes));
        disk.FailAllWritesWith = new IOException("Input/output error", 5);

        AppendResult result = queue.Append(RecordKind.Event, Payload(2, PayloadBytes));

        Assert.Equal(new AppendResult(AppendStatus.DiskError, -1), result);
        Assert.Equal(1, queue.Counters.RefusedEvents);
        Assert.Equal(1, queue.Counters.DiskErrors);
        Assert.Equal(0, queue.Counters.DroppedTelemetry);

        disk.FailAllWritesWith = null;
        Assert.True(queue.Append(RecordKind.Event, Payload(3, PayloadBytes)).IsAppended);
        Assert.Equal([3L, 1L], Drain(queue).Select(d => d.Counter));
    }

    private static DurableQueueOptions BoundOptions(string directory, long maxBytes = 4000) =>
        Options(directory, segmentBytes: 1000, maxBytes: maxBytes, maxRecordBytes: PayloadBytes);
}
