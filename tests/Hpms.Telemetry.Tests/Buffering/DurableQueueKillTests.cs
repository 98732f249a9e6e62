using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hpms.Telemetry.Buffering;
using static Hpms.Telemetry.Tests.Buffering.QueueTestKit;

namespace Hpms.Telemetry.Tests.Buffering;

/// <summary>
/// A real <c>kill -9</c>: the Hpms.Telemetry.Crasher child appends and prints each acknowledged record; the test
/// sends SIGKILL mid-stream, reopens the queue and checks every acknowledged record is there, once, in order.
/// </summary>
public sealed class DurableQueueKillTests
{
    private const int AcknowledgedBeforeKill = 5000;

    [Fact]
    public async Task Open_AfterKill9OfTheProducer_HasEveryAcknowledgedRecordOnceInOrder()
    {
        using var dir = new TempDirectory();
        List<string> lines = await RunAndKillAsync(dir.Path, consume: false);
        var acknowledged = Acknowledged(lines);
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);

        using DurableQueue queue = Open(CrasherOptions(dir.Path));
        var delivered = DrainRaw(queue);

        foreach (RecordKind kind in new[] { RecordKind.Event, RecordKind.Telemetry })
        {
            var acked = acknowledged.Where(a => a.Kind == kind).ToList();
            var got = delivered.Where(d => d.Kind == kind).ToList();
            Assert.Equal(Enumerable.Range(0, got.Count).Select(i => (long)i), got.Select(d => d.Sequence)); // once, in order
            Assert.InRange(got.Count - acked.Count, 0, 1); // at most the one appended but not yet printed
            Assert.Equal(acked, got.Take(acked.Count));
        }
    }

    [Fact]
    public async Task Open_AfterKill9WhileConsuming_ResumesAfterCommittedAndLosesNothingAcknowledged()
    {
        using var dir = new TempDirectory();
        List<string> lines = await RunAndKillAsync(dir.Path, consume: true);
        var acknowledged = Acknowledged(lines);
        Dictionary<RecordKind, long> lastCommitted = LastCommitted(lines);

        using DurableQueue queue = Open(CrasherOptions(dir.Path));
        var delivered = DrainRaw(queue);

        foreach (RecordKind kind in new[] { RecordKind.Event, RecordKind.Telemetry })
        {
            var got = delivered.Where(d => d.Kind == kind).ToList();
            long committed = lastCommitted.GetValueOrDefault(kind, -1);
            long firstWaiting = got.Count > 0 ? got[0].Sequence : acknowledged.Where(a => a.Kind == kind).Select(a => a.Sequence + 1).DefaultIfEmpty(0).Max();
            Assert.Equal(Enumerable.Range(0, got.Count).Select(i => firstWaiting + i), got.Select(d => d.Sequence));
            Assert.InRange(firstWaiting, committed + 1, committed + 1 + 50); // at most one batch committed but not yet printed
            var stillOwed = acknowledged.Where(a => a.Kind == kind && a.Sequence >= firstWaiting).ToList();
            Assert.Equal(stillOwed, got.Take(stillOwed.Count));
        }
    }

    private static DurableQueueOptions CrasherOptions(string directory) => new()
    {
        Directory = directory,
        SegmentBytes = 64 * 1024,
        MaxRecordBytes = 1024,
        MaxBytes = 1024L * 1024 * 1024,
    };

    private static async Task<List<string>> RunAndKillAsync(string directory, bool consume)
    {
        string crasher = Path.Combine(AppContext.BaseDirectory, "Hpms.Telemetry.Crasher.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(crasher);
        start.ArgumentList.Add(directory);
        if (consume)
        {
            start.ArgumentList.Add("consume");
        }

        using Process child = Process.Start(start)!;
        var output = new StringBuilder();
        char[] buffer = new char[8192];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int acknowledged = 0;
        try
        {
            while (acknowledged < AcknowledgedBeforeKill + 1) // + the "ready" line
            {
                int read = await child.StandardOutput.ReadAsync(buffer, deadline.Token);
                Assert.True(read > 0, "the crasher exited early: " + output);
                output.Append(buffer, 0, read);
                acknowledged += buffer.AsSpan(0, read).Count('\n');
            }
        }
        finally
        {
            child.Kill(entireProcessTree: false); // SIGKILL on Unix
        }

        output.Append(await child.StandardOutput.ReadToEndAsync(deadline.Token));
        await child.WaitForExitAsync(deadline.Token);
        Assert.NotEqual(0, child.ExitCode);

        // Keep whole lines only: the last one may have been cut by the kill.
        string text = output.ToString();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static List<(RecordKind Kind, long Sequence, long Counter)> Acknowledged(List<string> lines) =>
        [.. lines.Where(l => l.StartsWith("A ", StringComparison.Ordinal)).Select(l => l.Split(' ')).Select(p =>
            (Enum.Parse<RecordKind>(p[1]), long.Parse(p[2], CultureInfo.InvariantCulture), long.Parse(p[3], CultureInfo.InvariantCulture)))];

    private static Dictionary<RecordKind, long> LastCommitted(List<string> lines) =>
        lines.Where(l => l.StartsWith("C ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .GroupBy(p => Enum.Parse<RecordKind>(p[1]))
            .ToDictionary(g => g.Key, g => g.Max(p => long.Parse(p[2], CultureInfo.InvariantCulture)));

    /// <summary>Drains and checks the crasher's payloads: counter then counter-derived filler (see its Program.cs).</summary>
    private static List<(RecordKind Kind, long Sequence, long Counter)> DrainRaw(DurableQueue queue)
    {
        var delivered = new List<(RecordKind, long, long)>();
        while (queue.TryPeekBatch(1000, 1024 * 1024, out DurableQueueBatch? batch))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                ReadOnlySpan<byte> payload = batch.GetPayload(i).Span;
                long counter = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(payload);
                Assert.Equal(8 + (int)(counter % 64), payload.Length);
                for (int j = 8; j < payload.Length; j++)
                {
                    Assert.Equal((byte)(counter + j - 8), payload[j]);
                }

                delivered.Add((batch.Kind, batch.GetSequence(i), counter));
            }

            queue.Commit(batch);
        }

        // The kernel may stop a killed process's write at a page boundary: at most one torn, unacknowledged record per lane.
        Assert.InRange(queue.Counters.CorruptRecords, 0, 2);
        return delivered;
    }
}
