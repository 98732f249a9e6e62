// Test helper for the kill -9 test: appends records to a DurableQueue as fast as it can and prints each
// acknowledged one ("A <kind> <sequence> <counter>") only after Append returned; with "consume" it also drains
// and prints each committed batch ("C <kind> <last sequence>"). The test kills it with SIGKILL mid-stream.
// Usage: Hpms.Telemetry.Crasher <directory> [consume]
using System.Buffers.Binary;
using System.Globalization;
using Hpms.Telemetry.Buffering;
using Microsoft.Extensions.Logging.Abstractions;

string directory = args[0];
bool consume = args.Length > 1 && args[1] == "consume";
var options = new DurableQueueOptions
{
    Directory = directory,
    SegmentBytes = 64 * 1024,
    MaxRecordBytes = 1024,
    MaxBytes = 1024L * 1024 * 1024,
    EventDurability = AppendDurability.WrittenToOperatingSystem,
    TelemetryDurability = AppendDurability.WrittenToOperatingSystem,
};
using DurableQueue queue = DurableQueue.Open(options, NullLogger<DurableQueue>.Instance);
TextWriter output = Console.Out;
object outputGate = new();

if (consume)
{
    _ = Task.Run(() =>
    {
        while (true)
        {
            if (queue.TryPeekBatch(50, 64 * 1024, out DurableQueueBatch? batch))
            {
                queue.Commit(batch);
                lock (outputGate)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C {batch.Kind} {batch.LastSequence}"));
                }
            }
        }
    });
}

lock (outputGate)
{
    output.WriteLine("ready");
}

byte[] payload = new byte[8 + 64];
for (long counter = 0; counter < 10_000_000; counter++)
{
    RecordKind kind = counter % 10 == 0 ? RecordKind.Event : RecordKind.Telemetry;
    int length = CrasherPayload.Fill(payload, counter);
    AppendResult result = queue.Append(kind, payload.AsSpan(0, length));
    if (!result.IsAppended)
    {
        throw new InvalidOperationException($"Append refused: {result.Status}");
    }

    lock (outputGate)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A {kind} {result.Sequence} {counter}"));
    }
}

/// <summary>The payload the crasher writes and the test checks: the counter, then counter-derived filler of varying length.</summary>
internal static class CrasherPayload
{
    internal static int Fill(byte[] payload, long counter)
    {
        BinaryPrimitives.WriteInt64LittleEndian(payload, counter);
        int filler = (int)(counter % 64);
        for (int i = 0; i < filler; i++)
        {
            payload[8 + i] = (byte)(counter + i);
        }

        return 8 + filler;
    }
}
