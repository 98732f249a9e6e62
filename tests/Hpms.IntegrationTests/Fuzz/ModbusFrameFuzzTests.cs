using FsCheck;
using FsCheck.Fluent;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Rtu;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Modbus.Tcp;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>
/// Fuzz targets over the Modbus codecs (time-bounded, see <see cref="FuzzBudget"/>). Inputs are valid request and
/// response frames built with the product encoders, then damaged; half the damaged frames get their CRC or MBAP
/// length fixed again so the PDU decoders behind the framing see the damage too. Properties: nothing throws,
/// whatever decodes as valid is consistent, and an undamaged frame round-trips.
/// </summary>
public sealed class ModbusFrameFuzzTests(ITestOutputHelper output)
{
    private static readonly RegisterBank s_bank = new(ModbusLimits.AddressSpace, ModbusLimits.AddressSpace, ModbusLimits.AddressSpace, ModbusLimits.AddressSpace);

    private static readonly FunctionCode[] s_functions = Enum.GetValues<FunctionCode>();

    [Fact]
    public void RtuFrames_ValidOrDamaged_DecodeConsistentlyAndNeverThrow() =>
        Fuzzer.Run(output, "modbus-rtu", Frames(tcp: false), input =>
        {
            DecodeStatus status = RtuCodec.Decode(input.Frame, out byte unit, out ReadOnlySpan<byte> pdu);
            if (input.Damage.Length == 0)
            {
                Assert.Equal(DecodeStatus.Ok, status);
                Assert.Equal(input.Unit, unit);
                Assert.Equal(input.Pdu, pdu.ToArray());
            }

            if (status == DecodeStatus.Ok)
            {
                Assert.Equal(input.Frame.Length - 3, pdu.Length);
                Assert.True(RtuCodec.HasValidCrc(input.Frame));
                FeedPdu(input, pdu.ToArray());
            }
        });

    [Fact]
    public void TcpFrames_ValidOrDamaged_DecodeConsistentlyAndNeverThrow() =>
        Fuzzer.Run(output, "modbus-tcp", Frames(tcp: true), input =>
        {
            DecodeStatus header = TcpCodec.TryReadHeader(input.Frame, out MbapHeader peeked);
            DecodeStatus status = TcpCodec.Decode(input.Frame, out MbapHeader mbap, out ReadOnlySpan<byte> pdu);
            if (input.Damage.Length == 0)
            {
                Assert.Equal(DecodeStatus.Ok, status);
                Assert.Equal((input.TransactionId, input.Unit), (mbap.TransactionId, mbap.UnitId));
                Assert.Equal(input.Pdu, pdu.ToArray());
            }

            if (status == DecodeStatus.Ok)
            {
                Assert.Equal(DecodeStatus.Ok, header);
                Assert.Equal(mbap, peeked);
                Assert.Equal(input.Frame.Length, ModbusLimits.MbapHeaderLength + pdu.Length);
                FeedPdu(input, pdu.ToArray());
            }
        });

    [Fact]
    public void RtuStream_FramesAmongNoiseInRandomChunks_EveryFrameBetweenSilencesRecovered() =>
        Fuzzer.Run(output, "modbus-rtu-stream", Streams(), stream =>
        {
            var decoder = new RtuStreamDecoder(stream.Kind);
            var got = new List<string>();
            long appended = 0;
            foreach (StreamPart part in stream.Parts)
            {
                for (int at = 0; at < part.Bytes.Length; at += part.Chunk)
                {
                    byte[] chunk = part.Bytes[at..Math.Min(part.Bytes.Length, at + part.Chunk)];
                    decoder.Append(chunk);
                    appended += chunk.Length;
                    Drain(decoder, got);
                }

                if (part.SilenceAfter)
                {
                    decoder.MarkSilence();
                    Drain(decoder, got);
                }

                Assert.InRange(decoder.Buffered, 0, appended);
            }

            // Every frame with a silence on both sides comes out, in order (noise may by chance hold extra valid frames).
            string[] expected = [.. stream.Parts.Where((p, i) => p.IsFrame && p.SilenceAfter && (i == 0 || stream.Parts[i - 1].SilenceAfter)).Select(p => Convert.ToHexString(p.Bytes))];
            int next = 0;
            foreach (string frame in got)
            {
                if (next < expected.Length && frame == expected[next])
                {
                    next++;
                }
            }

            Assert.True(next == expected.Length, $"recovered {next} of {expected.Length} framed frames; got {got.Count} frames");
            Assert.InRange(decoder.DiscardedBytes, 0, appended);
        });

    private static void Drain(RtuStreamDecoder decoder, List<string> got)
    {
        while (decoder.TryReadFrame(out ReadOnlySpan<byte> frame))
        {
            Assert.InRange(frame.Length, 4, ModbusLimits.MaxRtuAduLength);
            Assert.True(RtuCodec.HasValidCrc(frame));
            got.Add(Convert.ToHexString(frame));
        }
    }

    /// <summary>A PDU that passed the framing goes to every PDU decoder and the server.</summary>
    private static void FeedPdu(FrameInput input, byte[] pdu)
    {
        if (RequestPdu.TryDecode(pdu, out ModbusRequest request) == DecodeStatus.Ok)
        {
            Assert.Equal(pdu.Length, RequestPdu.ExpectedLength(pdu));
            Assert.Equal(request.Function, (FunctionCode)pdu[0]);
        }

        if (ResponsePdu.Validate(pdu, input.Request, out ExceptionCode exception) == DecodeStatus.Ok)
        {
            Assert.Equal(ResponsePdu.ExpectedLength(input.Request), pdu.Length);
            Assert.Equal(ExceptionCode.None, exception);
        }

        byte[] response = new byte[ModbusLimits.MaxPduLength];
        Assert.InRange(ModbusRequestProcessor.Process(pdu, response, s_bank), 2, ModbusLimits.MaxPduLength);
    }

    private static Gen<FrameInput> Frames(bool tcp) =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select NextFrame(new Random(seed), tcp);

    private static FrameInput NextFrame(Random random, bool tcp)
    {
        (byte[] requestPdu, ModbusRequest request) = NextRequest(random);
        byte[] pdu = requestPdu;
        if (random.Next(2) == 0)
        {
            byte[] response = new byte[ModbusLimits.MaxPduLength];
            pdu = response[..ModbusRequestProcessor.Process(requestPdu, response, s_bank)];
        }

        byte unit = (byte)random.Next(0, 256);
        ushort transaction = (ushort)random.Next(0, 65536);
        byte[] frame = new byte[tcp ? ModbusLimits.MaxTcpAduLength : ModbusLimits.MaxRtuAduLength];
        frame = frame[..(tcp ? TcpCodec.Encode(frame, transaction, unit, pdu) : RtuCodec.Encode(frame, unit, pdu))];
        if (random.Next(5) == 0)
        {
            return new FrameInput(frame, pdu, unit, transaction, request, string.Empty);
        }

        (byte[] damaged, string damage) = Damage(frame, random);
        if (random.Next(2) == 0 && damaged.Length >= (tcp ? ModbusLimits.MbapHeaderLength + 1 : 4))
        {
            // Reseal so the damage reaches the PDU decoders: fix the CRC, or the MBAP length field.
            if (tcp)
            {
                int length = Math.Min(damaged.Length - 6, ushort.MaxValue);
                damaged[4] = (byte)(length >> 8);
                damaged[5] = (byte)length;
            }
            else
            {
                ushort crc = Crc16.Compute(damaged.AsSpan(0, damaged.Length - 2));
                damaged[^2] = (byte)crc;
                damaged[^1] = (byte)(crc >> 8);
            }

            damage += "+reseal";
        }

        return new FrameInput(damaged, pdu, unit, transaction, request, damage);
    }

    private static (byte[] Pdu, ModbusRequest Request) NextRequest(Random random)
    {
        byte[] pdu = new byte[ModbusLimits.MaxPduLength];
        FunctionCode function = s_functions[random.Next(s_functions.Length)];
        ushort address = (ushort)random.Next(0, 60_000);
        int length = function switch
        {
            FunctionCode.WriteSingleCoil => RequestPdu.EncodeWriteSingleCoil(pdu, address, random.Next(2) == 0),
            FunctionCode.WriteSingleRegister => RequestPdu.EncodeWriteSingleRegister(pdu, address, (ushort)random.Next(65536)),
            FunctionCode.WriteMultipleCoils => RequestPdu.EncodeWriteMultipleCoils(pdu, address, [.. Enumerable.Range(0, random.Next(1, ModbusLimits.MaxWriteCoils + 1)).Select(_ => random.Next(2) == 0)]),
            FunctionCode.WriteMultipleRegisters => RequestPdu.EncodeWriteMultipleRegisters(pdu, address, [.. Enumerable.Range(0, random.Next(1, ModbusLimits.MaxWriteRegisters + 1)).Select(_ => (ushort)random.Next(65536))]),
            FunctionCode.ReadWriteMultipleRegisters => RequestPdu.EncodeReadWriteMultipleRegisters(
                pdu, address, random.Next(1, ModbusLimits.MaxReadRegisters + 1), (ushort)random.Next(0, 60_000), [.. Enumerable.Range(0, random.Next(1, ModbusLimits.MaxReadWriteWriteRegisters + 1)).Select(_ => (ushort)random.Next(65536))]),
            FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs => RequestPdu.EncodeRead(pdu, function, address, random.Next(1, ModbusLimits.MaxReadBits + 1)),
            _ => RequestPdu.EncodeRead(pdu, function, address, random.Next(1, ModbusLimits.MaxReadRegisters + 1)),
        };
        pdu = pdu[..length];
        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(pdu, out ModbusRequest request));
        return (pdu, request);
    }

    private static (byte[] Bytes, string Name) Damage(byte[] frame, Random random)
    {
        int kind = random.Next(ByteMutator.Kinds + 1);
        if (kind < ByteMutator.Kinds)
        {
            return ByteMutator.Damage(frame, random, kind, []);
        }

        byte[] noise = new byte[random.Next(0, 300)];
        random.NextBytes(noise);
        return (noise, "noise");
    }

    private static Gen<StreamInput> Streams() =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select NextStream(new Random(seed));

    private static StreamInput NextStream(Random random)
    {
        RtuFrameKind kind = random.Next(2) == 0 ? RtuFrameKind.Request : RtuFrameKind.Response;
        var parts = new List<StreamPart>();
        int count = random.Next(1, 12);
        for (int i = 0; i < count; i++)
        {
            int chunk = random.Next(1, 80);
            if (random.Next(3) == 0)
            {
                byte[] noise = new byte[random.Next(1, 120)];
                random.NextBytes(noise);
                parts.Add(new StreamPart(noise, false, random.Next(2) == 0, chunk));
                continue;
            }

            (byte[] requestPdu, _) = NextRequest(random);
            byte[] pdu = requestPdu;
            if (kind == RtuFrameKind.Response)
            {
                byte[] response = new byte[ModbusLimits.MaxPduLength];
                pdu = response[..ModbusRequestProcessor.Process(requestPdu, response, s_bank)];
            }

            byte[] frame = new byte[ModbusLimits.MaxRtuAduLength];
            frame = frame[..RtuCodec.Encode(frame, (byte)random.Next(1, 248), pdu)];
            parts.Add(new StreamPart(frame, true, random.Next(4) != 0, chunk));
        }

        return new StreamInput(kind, parts);
    }

    /// <summary>A frame, maybe damaged, with what it was made from.</summary>
    private sealed record FrameInput(byte[] Frame, byte[] Pdu, byte Unit, ushort TransactionId, ModbusRequest Request, string Damage)
    {
        public override string ToString() => $"{(Damage.Length == 0 ? "valid" : Damage)} {Convert.ToHexString(Frame)} (request {Request})";
    }

    /// <summary>Bytes on the line: a valid frame or noise, fed in chunks, maybe followed by a 3.5-character silence.</summary>
    private sealed record StreamPart(byte[] Bytes, bool IsFrame, bool SilenceAfter, int Chunk);

    /// <summary>A line's worth of parts for one decoder kind.</summary>
    private sealed record StreamInput(RtuFrameKind Kind, IReadOnlyList<StreamPart> Parts)
    {
        public override string ToString() =>
            $"{Kind}: " + string.Join(" | ", Parts.Select(p => $"{(p.IsFrame ? "frame" : "noise")} {Convert.ToHexString(p.Bytes)} chunk {p.Chunk}{(p.SilenceAfter ? " silence" : string.Empty)}"));
    }
}
