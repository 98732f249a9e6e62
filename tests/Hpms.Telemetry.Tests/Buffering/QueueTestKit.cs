using System.Buffers.Binary;
using Hpms.Telemetry.Buffering;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Telemetry.Tests.Buffering;

/// <summary>Payloads that carry their own counter, and helpers to open and drain queues.</summary>
internal static class QueueTestKit
{
    /// <summary>A payload of <paramref name="length"/> bytes (at least 8): the counter, then bytes derived from it.</summary>
    public static byte[] Payload(long counter, int length = 24)
    {
        byte[] payload = new byte[length];
        BinaryPrimitives.WriteInt64LittleEndian(payload, counter);
        for (int i = 8; i < length; i++)
        {
            payload[i] = (byte)(counter * 31 + i);
        }

        return payload;
    }

    /// <summary>Reads the counter back and checks the rest of the payload matches it.</summary>
    public static long CounterOf(ReadOnlySpan<byte> payload)
    {
        long counter = BinaryPrimitives.ReadInt64LittleEndian(payload);
        Assert.Equal(Payload(counter, payload.Length), payload.ToArray());
        return counter;
    }

    public static DurableQueueOptions Options(string directory, long segmentBytes = 64 * 1024, long maxBytes = 64L * 1024 * 1024, int maxRecordBytes = 256) => new()
    {
        Directory = directory,
        SegmentBytes = segmentBytes,
        MaxBytes = maxBytes,
        MaxRecordBytes = maxRecordBytes,
        EventDurability = AppendDurability.WrittenToOperatingSystem,
        TelemetryDurability = AppendDurability.WrittenToOperatingSystem,
    };

    public static DurableQueue Open(DurableQueueOptions options) => DurableQueue.Open(options, NullLogger<DurableQueue>.Instance);

    public static DurableQueue Open(DurableQueueOptions options, IQueueFileSystem fileSystem) =>
        DurableQueue.Open(options, NullLogger.Instance, TimeProvider.System, fileSystem);

    /// <summary>Peeks and commits until empty; returns (kind, sequence, counter) in delivery order.</summary>
    public static List<(RecordKind Kind, long Sequence, long Counter)> Drain(DurableQueue queue, int maxRecords = 100)
    {
        var delivered = new List<(RecordKind, long, long)>();
        while (queue.TryPeekBatch(maxRecords, 1024 * 1024, out DurableQueueBatch? batch))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                delivered.Add((batch.Kind, batch.GetSequence(i), CounterOf(batch.GetPayload(i).Span)));
            }

            queue.Commit(batch);
        }

        return delivered;
    }

    /// <summary>Every record taken is delivered, dropped or still waiting.</summary>
    public static void AssertBalanced(DurableQueueCounters counters, long recoveredAtOpen = 0)
    {
        long taken = counters.AppendedEvents + counters.AppendedTelemetry + recoveredAtOpen;
        long accounted = counters.DeliveredEvents + counters.DeliveredTelemetry + counters.DroppedEvents + counters.DroppedTelemetry + counters.DepthRecords;
        Assert.Equal(taken, accounted);
    }
}
