using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Rtu;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Modbus.Tcp;
using Xunit.Abstractions;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus;

/// <summary>
/// Property and fuzz tests over the whole codec: wire input never throws, round trips hold,
/// truncations never decode as valid, single-bit errors are always caught, and the RTU stream
/// decoder resynchronises after noise. FsCheck prints "Ok, passed N tests" to the test output;
/// the seeded loops print their own counts.
/// </summary>
public sealed class ModbusCodecFuzzTests(ITestOutputHelper output)
{
    private const int FuzzSeed = 0x4D42; // "MB"

    // A bank covering the whole address space, so every valid request gets a normal response.
    private static readonly RegisterBank s_fullBank = new(
        ModbusLimits.AddressSpace, ModbusLimits.AddressSpace, ModbusLimits.AddressSpace, ModbusLimits.AddressSpace);

    private static readonly ModbusRequest[] s_someRequests =
    [
        new(FunctionCode.ReadCoils, 0, 19),
        new(FunctionCode.ReadDiscreteInputs, 0, 2000),
        new(FunctionCode.ReadHoldingRegisters, 0x6B, 3),
        new(FunctionCode.ReadInputRegisters, 0, 125),
        new(FunctionCode.WriteSingleCoil, 0xAC, 1, SingleValue: 0xFF00),
        new(FunctionCode.WriteSingleRegister, 1, 1, SingleValue: 3),
        new(FunctionCode.WriteMultipleCoils, 0x13, 10),
        new(FunctionCode.WriteMultipleRegisters, 1, 2),
        new(FunctionCode.ReadWriteMultipleRegisters, 3, 6, 14, 3),
    ];

    // ---- (a) random bytes never throw -------------------------------------------------------

    /// <summary>Feeds one input to every decoder; asserts the invariants that hold for any bytes.</summary>
    private static void FeedEverything(byte[] bytes)
    {
        // Server side PDU decode.
        DecodeStatus status = RequestPdu.TryDecode(bytes, out _);
        if (status == DecodeStatus.Ok)
        {
            Assert.Equal(bytes.Length, RequestPdu.ExpectedLength(bytes));
        }

        // Master side validation against every function.
        foreach (ModbusRequest request in s_someRequests)
        {
            DecodeStatus validated = ResponsePdu.Validate(bytes, request, out ExceptionCode exception);
            if (validated == DecodeStatus.Ok)
            {
                Assert.Equal(ResponsePdu.ExpectedLength(request), bytes.Length);
                Assert.Equal(ExceptionCode.None, exception);
            }
        }

        // Framings.
        if (RtuCodec.Decode(bytes, out _, out ReadOnlySpan<byte> rtuPdu) == DecodeStatus.Ok)
        {
            Assert.Equal(bytes.Length - 3, rtuPdu.Length);
            Assert.Equal(ReferenceCrc(bytes.AsSpan(0, bytes.Length - 2)), (ushort)(bytes[^2] | (bytes[^1] << 8)));
        }

        if (TcpCodec.Decode(bytes, out MbapHeader header, out ReadOnlySpan<byte> tcpPdu) == DecodeStatus.Ok)
        {
            Assert.Equal(0, header.ProtocolId);
            Assert.Equal(header.PduLength, tcpPdu.Length);
            Assert.Equal(bytes.Length, ModbusLimits.MbapHeaderLength + tcpPdu.Length);
        }

        // Stream decoders, both directions.
        foreach (RtuFrameKind kind in (ReadOnlySpan<RtuFrameKind>)[RtuFrameKind.Request, RtuFrameKind.Response])
        {
            var decoder = new RtuStreamDecoder(kind);
            decoder.Append(bytes);
            int frames = DrainAndCheck(decoder);
            decoder.MarkSilence();
            frames += DrainAndCheck(decoder);
            Assert.Equal(frames, decoder.Frames);
            Assert.InRange(decoder.DiscardedBytes, 0, bytes.Length);
            Assert.InRange(decoder.Buffered, 0, bytes.Length);
        }

        // Server.
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(bytes, response, s_fullBank);
        Assert.InRange(length, 2, ModbusLimits.MaxPduLength);
        byte function = bytes.Length == 0 ? (byte)0 : bytes[0];
        Assert.True(
            response[0] == function || response[0] == (function | 0x80),
            $"response function {response[0]:X2} for request function {function:X2}");
        if (response[0] == (function | 0x80) && (function & 0x80) == 0)
        {
            Assert.Equal(2, length);
        }
    }

    private static int DrainAndCheck(RtuStreamDecoder decoder)
    {
        int frames = 0;
        while (decoder.TryReadFrame(out ReadOnlySpan<byte> frame))
        {
            Assert.InRange(frame.Length, 4, ModbusLimits.MaxRtuAduLength);
            Assert.Equal(DecodeStatus.Ok, RtuCodec.Decode(frame, out _, out _));
            Assert.Equal(0, ReferenceCrc(frame)); // zero residue: the reference agrees the CRC is right
            frames++;
        }

        return frames;
    }

    [Property(MaxTest = 400)]
    public Property RandomBytes_EveryDecoderAndServer_NeverThrow() =>
        Prop.ForAll(ModbusGenerators.WireBytes.ToArbitrary(), FeedEverything);

    [Fact]
    public void RandomBytes_SeededLoop_EveryDecoderAndServerNeverThrow()
    {
        var random = new Random(FuzzSeed);
        const int Count = 4000;
        for (int i = 0; i < Count; i++)
        {
            byte[] bytes = new byte[random.Next(0, 301)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
            {
                bytes[0] = (byte)ModbusGenerators.Functions[random.Next(ModbusGenerators.Functions.Length)];
            }

            FeedEverything(bytes);
        }

        output.WriteLine($"random byte inputs tried: {Count} (seed {FuzzSeed})");
    }

    // ---- (b) round trips --------------------------------------------------------------------

    private static void RoundTrip(RandomRequest request)
    {
        byte[] pdu = request.EncodePdu();
        Assert.Equal(pdu.Length, RequestPdu.ExpectedLength(pdu));

        // RTU.
        byte[] rtu = RtuFrame(request.UnitId, pdu);
        Assert.Equal(0, ReferenceCrc(rtu));
        Assert.Equal(DecodeStatus.Ok, RtuCodec.Decode(rtu, out byte unit, out ReadOnlySpan<byte> rtuPdu));
        Assert.Equal(request.UnitId, unit);
        CheckDecodedPdu(request, rtuPdu);

        // TCP.
        byte[] tcp = new byte[ModbusLimits.MaxTcpAduLength];
        int n = TcpCodec.Encode(tcp, request.TransactionId, request.UnitId, pdu);
        Assert.Equal(DecodeStatus.Ok, TcpCodec.Decode(tcp.AsSpan(0, n), out MbapHeader header, out ReadOnlySpan<byte> tcpPdu));
        Assert.Equal(new MbapHeader(request.TransactionId, 0, (ushort)(pdu.Length + 1), request.UnitId), header);
        CheckDecodedPdu(request, tcpPdu);

        // The stream decoder finds the frame too.
        var decoder = new RtuStreamDecoder(RtuFrameKind.Request);
        decoder.Append(rtu);
        Assert.True(decoder.TryReadFrame(out ReadOnlySpan<byte> streamed));
        Assert.Equal(ToHex(rtu), ToHex(streamed));

        // And the server's answer validates on the master side.
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(pdu, response, s_fullBank);
        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(response.AsSpan(0, length), request.ExpectedHeader, out _));
        if (request.Function is FunctionCode.WriteMultipleRegisters or FunctionCode.ReadWriteMultipleRegisters)
        {
            ushort[] stored = new ushort[request.Registers.Length];
            s_fullBank.GetRegisters(ModbusDataTable.HoldingRegisters, request.ExpectedHeader.WriteQuantity > 0 ? request.WriteAddress : request.Address, stored);
            Assert.Equal(request.Registers, stored);
        }
    }

    private static void CheckDecodedPdu(RandomRequest request, ReadOnlySpan<byte> pdu)
    {
        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(pdu, out ModbusRequest header));
        Assert.Equal(request.ExpectedHeader, header);
        if (request.Function is FunctionCode.WriteMultipleRegisters or FunctionCode.ReadWriteMultipleRegisters)
        {
            ushort[] values = new ushort[request.Registers.Length];
            RequestPdu.ReadWrittenRegisters(pdu, values);
            Assert.Equal(request.Registers, values);
        }
        else if (request.Function == FunctionCode.WriteMultipleCoils)
        {
            bool[] values = new bool[request.Coils.Length];
            RequestPdu.ReadWrittenCoils(pdu, values);
            Assert.Equal(request.Coils, values);
        }
    }

    [Property(MaxTest = 300)]
    public Property ValidRequest_EncodedWrappedDecoded_SameHeaderAndPayload() =>
        Prop.ForAll(ModbusGenerators.Requests.ToArbitrary(), RoundTrip);

    [Fact]
    public void ValidRequest_SeededLoop_RoundTripsThroughRtuTcpAndServer()
    {
        var random = new Random(FuzzSeed + 1);
        const int Count = 1500;
        var perFunction = new Dictionary<FunctionCode, int>();
        for (int i = 0; i < Count; i++)
        {
            RandomRequest request = ModbusGenerators.NextRequest(random);
            RoundTrip(request);
            perFunction[request.Function] = perFunction.GetValueOrDefault(request.Function) + 1;
        }

        Assert.Equal(ModbusGenerators.Functions.Length, perFunction.Count);
        output.WriteLine($"valid requests round-tripped: {Count} ({string.Join(", ", perFunction.Select(p => $"{p.Key}={p.Value}"))})");
    }

    // ---- (c) truncation ----------------------------------------------------------------------

    private static int TruncateEverywhere(RandomRequest request, Random random)
    {
        byte[] pdu = request.EncodePdu();
        byte[] rtu = RtuFrame(request.UnitId, pdu);
        byte[] tcp = new byte[ModbusLimits.MaxTcpAduLength];
        tcp = tcp[..TcpCodec.Encode(tcp, request.TransactionId, request.UnitId, pdu)];
        byte[] responsePdu = new byte[ModbusLimits.MaxPduLength];
        responsePdu = responsePdu[..ModbusRequestProcessor.Process(pdu, responsePdu, s_fullBank)];
        int tried = 0;

        for (int length = 0; length < pdu.Length; length++)
        {
            Assert.Equal(DecodeStatus.Incomplete, RequestPdu.TryDecode(pdu.AsSpan(0, length), out _));
            tried++;
        }

        for (int length = 0; length < responsePdu.Length; length++)
        {
            Assert.Equal(DecodeStatus.Incomplete, ResponsePdu.Validate(responsePdu.AsSpan(0, length), request.ExpectedHeader, out _));
            tried++;
        }

        for (int length = 0; length < tcp.Length; length++)
        {
            Assert.Equal(DecodeStatus.Incomplete, TcpCodec.Decode(tcp.AsSpan(0, length), out _, out _));
            tried++;
        }

        for (int length = 0; length < rtu.Length; length++)
        {
            // A short prefix may by chance carry a matching CRC (1 in 65536); then the PDU inside
            // must still not decode as a request.
            DecodeStatus status = RtuCodec.Decode(rtu.AsSpan(0, length), out _, out ReadOnlySpan<byte> inner);
            Assert.True(status is DecodeStatus.LengthMismatch or DecodeStatus.CrcMismatch or DecodeStatus.Ok, status.ToString());
            if (status == DecodeStatus.Ok)
            {
                Assert.NotEqual(DecodeStatus.Ok, RequestPdu.TryDecode(inner, out _));
            }

            tried++;
        }

        // A truncated frame on the line, a silence, then the whole frame: only the whole one comes out.
        int cut = random.Next(0, rtu.Length);
        var decoder = new RtuStreamDecoder(RtuFrameKind.Request);
        decoder.Append(rtu.AsSpan(0, cut));
        var frames = new List<string>();
        while (decoder.TryReadFrame(out ReadOnlySpan<byte> f))
        {
            frames.Add(ToHex(f));
        }

        decoder.MarkSilence();
        decoder.Append(rtu);
        while (decoder.TryReadFrame(out ReadOnlySpan<byte> f))
        {
            frames.Add(ToHex(f));
        }

        Assert.Equal([ToHex(rtu)], frames);
        return tried + 1;
    }

    [Property(MaxTest = 150)]
    public Property ValidFrame_TruncatedAtEveryPosition_NeverDecodesAsValid() =>
        Prop.ForAll(ModbusGenerators.Requests.ToArbitrary(), request => TruncateEverywhere(request, new Random(request.TransactionId)));

    [Fact]
    public void ValidFrame_SeededLoopTruncatedAtEveryPosition_NeverDecodesAsValid()
    {
        var random = new Random(FuzzSeed + 2);
        const int Count = 300;
        long tried = 0;
        for (int i = 0; i < Count; i++)
        {
            tried += TruncateEverywhere(ModbusGenerators.NextRequest(random), random);
        }

        output.WriteLine($"frames truncated: {Count}, truncated inputs decoded: {tried}");
    }

    // ---- (d) single-bit flips ----------------------------------------------------------------

    private static int FlipEveryBit(byte[] frame)
    {
        for (int bit = 0; bit < frame.Length * 8; bit++)
        {
            frame[bit >> 3] ^= (byte)(1 << (bit & 7));
            Assert.Equal(DecodeStatus.CrcMismatch, RtuCodec.Decode(frame, out _, out _));
            frame[bit >> 3] ^= (byte)(1 << (bit & 7));
        }

        Assert.Equal(DecodeStatus.Ok, RtuCodec.Decode(frame, out _, out _));
        return frame.Length * 8;
    }

    [Property(MaxTest = 60)]
    public Property ValidRtuFrame_AnySingleBitFlipped_ReturnsCrcMismatch() =>
        Prop.ForAll(ModbusGenerators.Requests.ToArbitrary(), request => FlipEveryBit(RtuFrame(request.UnitId, request.EncodePdu())));

    [Fact]
    public void ValidRtuResponse_SeededLoopAnySingleBitFlipped_ReturnsCrcMismatch()
    {
        var random = new Random(FuzzSeed + 3);
        const int Count = 200;
        long flips = 0;
        for (int i = 0; i < Count; i++)
        {
            flips += FlipEveryBit(RtuFrame((byte)random.Next(1, 248), ModbusGenerators.NextResponsePdu(random)));
        }

        output.WriteLine($"response frames: {Count}, single-bit flips checked: {flips}");
    }

    // ---- (e) stream resync -------------------------------------------------------------------

    /// <summary>
    /// Garbage that cannot hold a valid frame: no offset inside the garbage whose predicted response
    /// length (the decoder's own rule) ends inside garbage + <paramref name="following"/> has a matching CRC.
    /// </summary>
    private static byte[] NextGarbage(Random random, ReadOnlySpan<byte> following)
    {
        while (true)
        {
            byte[] garbage = new byte[random.Next(0, 40)];
            random.NextBytes(garbage);
            if (garbage.Length > 0 && random.Next(3) == 0)
            {
                // Looks like a read response with a huge byte count.
                garbage[0] = (byte)random.Next(1, 248);
                if (garbage.Length > 2)
                {
                    garbage[1] = 0x03;
                    garbage[2] = (byte)random.Next(0xC0, 0x100);
                }
            }

            byte[] context = [.. garbage, .. following];
            bool clean = true;
            for (int offset = 0; offset < garbage.Length && clean; offset++)
            {
                int pduLength = context.Length - offset > 1 ? ResponsePdu.ExpectedLengthFromStream(context.AsSpan(offset + 1)) : -1;
                int length = pduLength + 3;
                clean = pduLength <= 0 || length > ModbusLimits.MaxRtuAduLength || offset + length > context.Length
                    || ReferenceCrc(context.AsSpan(offset, length)) != 0;
            }

            if (clean)
            {
                return garbage;
            }
        }
    }

    private static void AppendInChunks(RtuStreamDecoder decoder, ReadOnlySpan<byte> bytes, Random random, List<string> frames)
    {
        while (!bytes.IsEmpty)
        {
            int n = Math.Min(bytes.Length, random.Next(1, 64));
            decoder.Append(bytes[..n]);
            bytes = bytes[n..];
            while (decoder.TryReadFrame(out ReadOnlySpan<byte> frame))
            {
                frames.Add(ToHex(frame));
            }
        }
    }

    private static void Drain(RtuStreamDecoder decoder, List<string> frames)
    {
        while (decoder.TryReadFrame(out ReadOnlySpan<byte> frame))
        {
            frames.Add(ToHex(frame));
        }
    }

    [Fact]
    public void ResponseStream_GarbageThenSilenceBeforeEachFrame_RecoversAllFramesInOrder()
    {
        var random = new Random(FuzzSeed + 4);
        const int Streams = 200;
        long framesSent = 0;
        for (int s = 0; s < Streams; s++)
        {
            var decoder = new RtuStreamDecoder(RtuFrameKind.Response);
            var sent = new List<string>();
            var got = new List<string>();
            int n = random.Next(1, 12);
            for (int i = 0; i < n; i++)
            {
                byte[] frame = RtuFrame((byte)random.Next(1, 248), ModbusGenerators.NextResponsePdu(random));
                AppendInChunks(decoder, NextGarbage(random, []), random, got);
                decoder.MarkSilence();
                Drain(decoder, got);
                AppendInChunks(decoder, frame, random, got);
                decoder.MarkSilence();
                Drain(decoder, got);
                sent.Add(ToHex(frame));
            }

            Assert.Equal(sent, got);
            Assert.Equal(0, decoder.Buffered);
            framesSent += n;
        }

        output.WriteLine($"streams: {Streams}, frames recovered in order: {framesSent}");
    }

    [Fact]
    public void ResponseStream_GarbageRightBeforeEachFrameSilenceAfter_RecoversAllFramesInOrder()
    {
        var random = new Random(FuzzSeed + 5);
        const int Streams = 200;
        long framesSent = 0;
        long discarded = 0;
        for (int s = 0; s < Streams; s++)
        {
            var decoder = new RtuStreamDecoder(RtuFrameKind.Response);
            var sent = new List<string>();
            var got = new List<string>();
            int garbageBytes = 0;
            int n = random.Next(1, 12);
            for (int i = 0; i < n; i++)
            {
                byte[] frame = RtuFrame((byte)random.Next(1, 248), ModbusGenerators.NextResponsePdu(random));
                byte[] garbage = NextGarbage(random, frame);
                garbageBytes += garbage.Length;
                AppendInChunks(decoder, [.. garbage, .. frame], random, got);
                decoder.MarkSilence();
                Drain(decoder, got);
                sent.Add(ToHex(frame));
            }

            Assert.Equal(sent, got);
            Assert.Equal(garbageBytes, decoder.DiscardedBytes);
            Assert.Equal(n, decoder.Frames);
            framesSent += n;
            discarded += decoder.DiscardedBytes;
        }

        output.WriteLine($"streams: {Streams}, frames recovered in order: {framesSent}, garbage bytes discarded: {discarded}");
    }

    [Property(MaxTest = 100)]
    public Property ResponseStream_AnySeed_RecoversAllFramesInOrder() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var random = new Random(seed);
            var decoder = new RtuStreamDecoder(RtuFrameKind.Response);
            var sent = new List<string>();
            var got = new List<string>();
            for (int i = 0; i < 5; i++)
            {
                byte[] frame = RtuFrame((byte)random.Next(1, 248), ModbusGenerators.NextResponsePdu(random));
                AppendInChunks(decoder, [.. NextGarbage(random, frame), .. frame], random, got);
                decoder.MarkSilence();
                Drain(decoder, got);
                sent.Add(ToHex(frame));
            }

            Assert.Equal(sent, got);
        });
}
