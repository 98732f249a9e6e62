using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Rtu;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus.Rtu;

public sealed class RtuCodecTests
{
    [Theory]
    [InlineData(0x01, "03 0000 000A", "01 03 0000 000A C5CD")]
    [InlineData(0x11, "03 006B 0003", "11 03 006B 0003 7687")]
    [InlineData(0x01, "83 02", "01 83 02 C0F1")]
    [InlineData(0x11, "03 06 022B 0000 0064", "11 03 06 022B 0000 0064 C8BA")]
    public void Encode_GoldenPdu_ProducesGoldenFrame(byte unitId, string pduHex, string frameHex)
    {
        byte[] pdu = Hex(pduHex);
        byte[] expected = Hex(frameHex);
        Assert.Equal(expected, WithReferenceCrc(expected.AsSpan(0, expected.Length - 2)));

        byte[] frame = new byte[ModbusLimits.MaxRtuAduLength];
        int n = RtuCodec.Encode(frame, unitId, pdu);
        Assert.Equal(ToHex(expected), ToHex(frame.AsSpan(0, n)));
    }

    [Theory]
    [InlineData("01 03 0000 000A C5CD", 0x01, "03 0000 000A")]
    [InlineData("11 03 006B 0003 7687", 0x11, "03 006B 0003")]
    [InlineData("01 83 02 C0F1", 0x01, "83 02")]
    public void Decode_GoldenFrame_ReturnsUnitAndPdu(string frameHex, byte unitId, string pduHex)
    {
        Assert.Equal(DecodeStatus.Ok, RtuCodec.Decode(Hex(frameHex), out byte unit, out ReadOnlySpan<byte> pdu));
        Assert.Equal(unitId, unit);
        Assert.Equal(pduHex.Replace(" ", string.Empty, StringComparison.Ordinal), ToHex(pdu));
        Assert.True(RtuCodec.HasValidCrc(Hex(frameHex)));
    }

    [Fact]
    public void Seal_PduBuiltInPlace_AppendsCrcLowByteFirst()
    {
        byte[] adu = new byte[16];
        int pduLength = RequestPdu.EncodeRead(adu.AsSpan(1), FunctionCode.ReadHoldingRegisters, 0x006B, 3);
        int n = RtuCodec.Seal(adu, 0x11, pduLength);
        Assert.Equal(8, n);
        Assert.Equal("1103006B00037687", ToHex(adu.AsSpan(0, n)));
    }

    [Theory]
    [InlineData("11 03 006B 0003 7688")]
    [InlineData("11 03 006B 0003 8776")]   // CRC high byte first: wrong order
    [InlineData("12 03 006B 0003 7687")]
    public void Decode_BadCrc_ReturnsCrcMismatch(string hex)
    {
        Assert.Equal(DecodeStatus.CrcMismatch, RtuCodec.Decode(Hex(hex), out byte unit, out ReadOnlySpan<byte> pdu));
        Assert.Equal(0, unit);
        Assert.True(pdu.IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11")]
    [InlineData("11 03 76")]
    public void Decode_ShorterThanFourBytes_ReturnsLengthMismatch(string hex)
    {
        Assert.Equal(DecodeStatus.LengthMismatch, RtuCodec.Decode(Hex(hex), out _, out _));
    }

    [Fact]
    public void Decode_LongerThan256Bytes_ReturnsLengthMismatchEvenWithValidCrc()
    {
        byte[] body = new byte[255];
        body[0] = 1;
        byte[] frame = WithReferenceCrc(body);
        Assert.Equal(257, frame.Length);
        Assert.Equal(DecodeStatus.LengthMismatch, RtuCodec.Decode(frame, out _, out _));

        byte[] max = WithReferenceCrc(new byte[254]);
        Assert.Equal(DecodeStatus.Ok, RtuCodec.Decode(max, out _, out ReadOnlySpan<byte> pdu));
        Assert.Equal(ModbusLimits.MaxPduLength, pdu.Length);
    }

    [Theory]
    [InlineData("01 03 0000 000A C5CD")]
    [InlineData("11 03 006B 0003 7687")]
    [InlineData("01 83 02 C0F1")]
    [InlineData("11 03 06 022B 0000 0064 C8BA")]
    public void Decode_AnySingleBitFlip_ReturnsCrcMismatch(string hex)
    {
        byte[] frame = Hex(hex);
        for (int bit = 0; bit < frame.Length * 8; bit++)
        {
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Equal(DecodeStatus.CrcMismatch, RtuCodec.Decode(frame, out _, out _));
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        Assert.Equal(DecodeStatus.Ok, RtuCodec.Decode(frame, out _, out _));
    }
}
