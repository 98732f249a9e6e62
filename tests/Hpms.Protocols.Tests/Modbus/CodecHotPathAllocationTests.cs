using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Rtu;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Modbus.Tcp;

namespace Hpms.Protocols.Tests.Modbus;

/// <summary>
/// The master's per-poll path must not allocate: encode, seal, validate and extract work on
/// caller buffers only. A behaviour check (bytes allocated on this thread), not a timing test.
/// </summary>
public sealed class CodecHotPathAllocationTests
{
    private const int Iterations = 10_000;

    private static long RunMasterPath(int iterations, byte[] rtu, byte[] tcp, byte[] response, ushort[] values)
    {
        long checksum = 0;
        for (int i = 0; i < iterations; i++)
        {
            ushort address = (ushort)(i & 0x3FF);
            int pduLength = RequestPdu.EncodeRead(rtu.AsSpan(1), FunctionCode.ReadHoldingRegisters, address, values.Length);
            checksum += RtuCodec.Seal(rtu, 0x11, pduLength);
            pduLength = RequestPdu.EncodeRead(tcp.AsSpan(ModbusLimits.MbapHeaderLength), FunctionCode.ReadHoldingRegisters, address, values.Length);
            checksum += TcpCodec.Seal(tcp, (ushort)i, 0x11, pduLength);
            checksum += (int)RtuCodec.Decode(rtu.AsSpan(0, 8), out _, out _);

            var request = new ModbusRequest(FunctionCode.ReadHoldingRegisters, address, (ushort)values.Length);
            if (ResponsePdu.Validate(response, request, out _) != DecodeStatus.Ok)
            {
                return -1;
            }

            ResponsePdu.ReadRegisters(response, values);
            checksum += values[0];
        }

        return checksum;
    }

    [Fact]
    public void MasterReadPath_AfterWarmUp_AllocatesNothing()
    {
        byte[] rtu = new byte[ModbusLimits.MaxRtuAduLength];
        byte[] tcp = new byte[ModbusLimits.MaxTcpAduLength];
        byte[] response = Convert.FromHexString("03 06 022B 0000 0064".Replace(" ", string.Empty, StringComparison.Ordinal));
        ushort[] values = new ushort[3];

        Assert.True(RunMasterPath(100, rtu, tcp, response, values) > 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = RunMasterPath(Iterations, rtu, tcp, response, values);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(checksum > 0);
        Assert.Equal(new ushort[] { 0x022B, 0x0000, 0x0064 }, values);
        AllocationBudget.AssertNonePerIteration(allocated, Iterations);
    }

    [Fact]
    public void StreamDecoderAndServer_AfterWarmUp_AllocateNothing()
    {
        var decoder = new RtuStreamDecoder(RtuFrameKind.Request);
        var bank = new RegisterBank(2000, 2000, 2000, 2000);
        byte[] frame = Convert.FromHexString("1103006B00037687");
        byte[] noise = [0x01, 0x03, 0xFA, 0x00];
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        byte[] write = new byte[ModbusLimits.MaxPduLength];
        int writeLength = RequestPdu.EncodeReadWriteMultipleRegisters(write, 0, 125, 10, new ushort[121]);

        long Run(int iterations)
        {
            long total = 0;
            for (int i = 0; i < iterations; i++)
            {
                decoder.Append(noise);
                decoder.MarkSilence();
                decoder.Append(frame);
                while (decoder.TryReadFrame(out ReadOnlySpan<byte> adu))
                {
                    total += ModbusRequestProcessor.Process(adu[1..^2], response, bank);
                }

                total += ModbusRequestProcessor.Process(write.AsSpan(0, writeLength), response, bank);
            }

            return total;
        }

        Assert.True(Run(100) > 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = Run(Iterations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Iterations * (8L + 252L), total);
        Assert.Equal(100 + Iterations, decoder.Frames);
        AllocationBudget.AssertNonePerIteration(allocated, Iterations);
    }
}
