using System.Diagnostics;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Rtu;

namespace Hpms.Benchmarks;

/// <summary>
/// The pure codec on one transaction's worth of work (encode + seal a request, decode + check a
/// reply, extract 10 registers) against a straightforward array-per-frame version measured in
/// the same run: the reference shows what the span-based codec saves.
/// </summary>
internal static class CodecBenchmark
{
    private const int Iterations = 2_000_000;

    public static IEnumerable<BenchmarkResult> Run()
    {
        byte[] reply = BuildReply();
        var ours = Measure(() => OursOnce(reply));
        var naive = Measure(() => NaiveOnce(reply));
        yield return new BenchmarkResult("codec", "naive codec (arrays per frame, bitwise CRC)", 1e9 / naive.Ns, naive.Ns / 1000, 0, naive.Alloc, "-", null);
        yield return new BenchmarkResult("codec", "Hpms.Protocols codec", 1e9 / ours.Ns, ours.Ns / 1000, 0, ours.Alloc, "naive codec", naive.Ns / ours.Ns);
    }

    private static (double Ns, double Alloc) Measure(Func<int> once)
    {
        int sink = 0;
        for (int i = 0; i < 10_000; i++)
        {
            sink += once();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            sink += once();
        }

        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(sink);
        return (clock.Elapsed.TotalNanoseconds / Iterations, (double)allocated / Iterations);
    }

    [ThreadStatic]
    private static byte[]? t_frame;

    [ThreadStatic]
    private static ushort[]? t_registers;

    private static int OursOnce(byte[] reply)
    {
        byte[] frame = t_frame ??= new byte[ModbusLimits.MaxRtuAduLength];
        ushort[] registers = t_registers ??= new ushort[10];
        int pduLength = RequestPdu.EncodeRead(frame.AsSpan(1), FunctionCode.ReadHoldingRegisters, 0, 10);
        int length = RtuCodec.Seal(frame, 1, pduLength);
        var request = new ModbusRequest(FunctionCode.ReadHoldingRegisters, 0, 10);
        if (RtuCodec.Decode(reply, out _, out ReadOnlySpan<byte> pdu) != DecodeStatus.Ok
            || ResponsePdu.Validate(pdu, request, out _) != DecodeStatus.Ok)
        {
            throw new InvalidOperationException("reply rejected");
        }

        ResponsePdu.ReadRegisters(pdu, registers);
        return length + registers[9];
    }

    private static int NaiveOnce(byte[] reply)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(1);
        stream.WriteByte(3);
        stream.Write(BitConverter.GetBytes((ushort)0).Reverse().ToArray());
        stream.Write(BitConverter.GetBytes((ushort)10).Reverse().ToArray());
        byte[] body = stream.ToArray();
        ushort crc = BitwiseCrc(body);
        byte[] frame = [.. body, (byte)(crc & 0xFF), (byte)(crc >> 8)];
        byte[] received = reply.ToArray();
        byte[] content = received.Take(received.Length - 2).ToArray();
        if (BitwiseCrc(content) != (ushort)(received[^2] | (received[^1] << 8)) || received[1] != 3 || received[2] != 20)
        {
            throw new InvalidOperationException("reply rejected");
        }

        ushort[] registers = Enumerable.Range(0, 10)
            .Select(i => (ushort)((received[3 + (2 * i)] << 8) | received[4 + (2 * i)]))
            .ToArray();
        return frame.Length + registers[9];
    }

    private static ushort BitwiseCrc(byte[] data)
    {
        ushort crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }

    private static byte[] BuildReply()
    {
        byte[] frame = new byte[25];
        frame[1] = 3;
        frame[2] = 20;
        for (int i = 0; i < 10; i++)
        {
            frame[4 + (2 * i)] = (byte)i;
        }

        RtuCodec.Seal(frame, 1, 22);
        return frame;
    }
}
