using FsCheck.Xunit;
using Hpms.Telemetry.Buffering;
using static Hpms.Telemetry.Tests.Buffering.QueueTestKit;

namespace Hpms.Telemetry.Tests.Buffering;

public sealed class DurableQueueRecoveryTests
{
    [Fact]
    public void Open_LastSegmentTornMidRecord_CutsTheTailCountsOneAndKeepsAppending()
    {
        using var dir = new TempDirectory();
        WriteTelemetry(dir.Path, count: 20);
        string segment = LastSegment(dir.Path);
        using (FileStream file = File.OpenWrite(segment))
        {
            file.SetLength(file.Length - 10); // the 20th record loses its last 10 bytes
        }

        using (DurableQueue queue = Open(Options(dir.Path)))
        {
            Assert.Equal(1, queue.Counters.CorruptRecords);
            Assert.Equal(19, queue.Counters.DepthRecords);
            Assert.Equal(new AppendResult(AppendStatus.Appended, 19), queue.Append(RecordKind.Telemetry, Payload(500)));
        }

        using DurableQueue reopened = Open(Options(dir.Path));
        Assert.Equal(0, reopened.Counters.CorruptRecords);
        Assert.Equal([.. Enumerable.Range(0, 19).Select(i => (long)i), 500L], Drain(reopened).Select(d => d.Counter));
    }

    [Fact]
    public void Open_GarbageAfterLastRecord_CutsItAndCountsOne()
    {
        using var dir = new TempDirectory();
        WriteTelemetry(dir.Path, count: 5);
        using (FileStream file = new(LastSegment(dir.Path), FileMode.Append))
        {
            file.Write(Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray());
        }

        using DurableQueue queue = Open(Options(dir.Path));

        Assert.Equal(1, queue.Counters.CorruptRecords);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), Drain(queue).Select(d => d.Counter));
    }

    [Fact]
    public void Open_ZeroFilledTail_CutsIt()
    {
        using var dir = new TempDirectory();
        WriteTelemetry(dir.Path, count: 5);
        using (FileStream file = new(LastSegment(dir.Path), FileMode.Append))
        {
            file.Write(new byte[4096]); // what some file systems show for unwritten blocks after a power loss
        }

        using DurableQueue queue = Open(Options(dir.Path));

        Assert.Equal(1, queue.Counters.CorruptRecords);
        Assert.Equal(5, Drain(queue).Count);
    }

    [Fact]
    public void Open_RecordCorruptedInsideAnOlderSegment_CountsTheRecordsLostUpToTheNextSegment()
    {
        using var dir = new TempDirectory();
        WriteTelemetry(dir.Path, count: 30, segmentBytes: 400); // 40-byte records: 10 per segment
        string first = Directory.GetFiles(Path.Combine(dir.Path, "telemetry"), "*.seg").Order(StringComparer.Ordinal).First();
        byte[] bytes = File.ReadAllBytes(first);
        bytes[(40 * 3) + 20] ^= 0xFF; // the 4th record's payload
        File.WriteAllBytes(first, bytes);

        using DurableQueue queue = Open(Options(dir.Path, segmentBytes: 400, maxBytes: 1024 * 1024));

        Assert.Equal(7, queue.Counters.CorruptRecords);
        long[] expected = [0, 1, 2, .. Enumerable.Range(10, 20).Select(i => (long)i)];
        Assert.Equal(expected, Drain(queue).Select(d => d.Counter));
    }

    [Fact]
    public void Open_CursorFileGarbage_StartsFromTheOldestRecord()
    {
        using var dir = new TempDirectory();
        WriteTelemetry(dir.Path, count: 5);
        File.WriteAllBytes(Path.Combine(dir.Path, "telemetry", "cursor"), [1, 2, 3]);

        using DurableQueue queue = Open(Options(dir.Path));

        Assert.Equal(5, Drain(queue).Count);
    }

    [Property(MaxTest = 200)]
    public void Check_AnyBytes_NeverThrowsAndValidMeansTheCrcMatches(byte[] bytes)
    {
        RecordCheck check = RecordFormat.Check(bytes ?? [], 1024, out int frameLength);

        Assert.True(check != RecordCheck.Valid || (frameLength >= RecordFormat.HeaderSize && frameLength <= bytes!.Length));
    }

    [Property(MaxTest = 50)]
    public void Open_SegmentOfValidRecordsThenAnyBytes_RecoversEveryValidRecord(byte[] tail)
    {
        using var dir = new TempDirectory();
        WriteTelemetry(dir.Path, count: 3);
        using (FileStream file = new(LastSegment(dir.Path), FileMode.Append))
        {
            file.Write(tail ?? []);
        }

        using DurableQueue queue = Open(Options(dir.Path));

        Assert.Equal([0L, 1L, 2L], Drain(queue).Take(3).Select(d => d.Counter));
    }

    private static void WriteTelemetry(string directory, int count, long segmentBytes = 64 * 1024)
    {
        using DurableQueue queue = Open(Options(directory, segmentBytes, maxBytes: 1024 * 1024));
        for (long i = 0; i < count; i++)
        {
            Assert.True(queue.Append(RecordKind.Telemetry, Payload(i)).IsAppended);
        }
    }

    private static string LastSegment(string directory) =>
        Directory.GetFiles(Path.Combine(directory, "telemetry"), "*.seg").Order(StringComparer.Ordinal).Last();
}
