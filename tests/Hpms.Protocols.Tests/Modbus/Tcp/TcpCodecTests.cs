using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Tcp;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus.Tcp;

public sealed class TcpCodecTests
{
    [Theory]
    [InlineData(0x0001, 0x11, "03 006B 0003", "0001 0000 0006 11 03 006B 0003")]
    [InlineData(0x0001, 0x11, "03 06 022B 0000 0064", "0001 0000 0009 11 03 06 022B 0000 0064")]
    [InlineData(0xABCD, 0xFF, "83 02", "ABCD 0000 0003 FF 83 02")]
    [InlineData(0x0000, 0x00, "06 0001 0003", "0000 0000 0006 00 06 0001 0003")]
    public void EncodeDecode_MbapGolden_RoundTrips(int transactionId, byte unitId, string pduHex, string aduHex)
    {
        byte[] pdu = Hex(pduHex);
        byte[] expected = Hex(aduHex);
        byte[] adu = new byte[ModbusLimits.MaxTcpAduLength];
        int n = TcpCodec.Encode(adu, (ushort)transactionId, unitId, pdu);
        Assert.Equal(ToHex(expected), ToHex(adu.AsSpan(0, n)));

        Assert.Equal(DecodeStatus.Ok, TcpCodec.Decode(expected, out MbapHeader header, out ReadOnlySpan<byte> decoded));
        Assert.Equal(new MbapHeader((ushort)transactionId, 0, (ushort)(pdu.Length + 1), unitId), header);
        Assert.Equal(pdu.Length, header.PduLength);
        Assert.Equal(ToHex(pdu), ToHex(decoded));
    }

    [Fact]
    public void Seal_PduBuiltInPlace_WritesHeader()
    {
        byte[] adu = new byte[32];
        int pduLength = RequestPdu.EncodeRead(adu.AsSpan(ModbusLimits.MbapHeaderLength), FunctionCode.ReadHoldingRegisters, 0x006B, 3);
        adu[2] = 0xEE; // must be overwritten with protocol id 0
        int n = TcpCodec.Seal(adu, 0x1234, 0x11, pduLength);
        Assert.Equal(12, n);
        Assert.Equal("12340000000611" + "03006B0003", ToHex(adu.AsSpan(0, n)));
    }

    [Fact]
    public void TryReadHeader_NonZeroProtocolId_ReturnsProtocolIdMismatch()
    {
        Assert.Equal(DecodeStatus.ProtocolIdMismatch, TcpCodec.TryReadHeader(Hex("0001 0001 0006 11"), out MbapHeader header));
        Assert.Equal(1, header.ProtocolId);
        Assert.Equal(DecodeStatus.ProtocolIdMismatch, TcpCodec.Decode(Hex("0001 0001 0006 11 03 006B 0003"), out _, out _));
    }

    [Theory]
    [InlineData("0001 0000 0000 11")]
    [InlineData("0001 0000 0001 11")]
    [InlineData("0001 0000 00FF 11")]
    [InlineData("0001 0000 FFFF 11")]
    public void TryReadHeader_LengthCannotHoldPdu_ReturnsLengthMismatch(string hex)
    {
        Assert.Equal(DecodeStatus.LengthMismatch, TcpCodec.TryReadHeader(Hex(hex), out _));
    }

    [Theory]
    [InlineData("0001 0000 0002 11", DecodeStatus.Ok)]
    [InlineData("0001 0000 00FE 11", DecodeStatus.Ok)]
    public void TryReadHeader_LengthAtLimits_ReturnsOk(string hex, DecodeStatus expected)
    {
        Assert.Equal(expected, TcpCodec.TryReadHeader(Hex(hex), out _));
    }

    [Fact]
    public void Decode_EveryTruncation_ReturnsIncomplete()
    {
        byte[] adu = Hex("0001 0000 0006 11 03 006B 0003");
        for (int length = 0; length < adu.Length; length++)
        {
            Assert.Equal(DecodeStatus.Incomplete, TcpCodec.Decode(adu.AsSpan(0, length), out _, out ReadOnlySpan<byte> pdu));
            Assert.True(pdu.IsEmpty);
        }
    }

    [Fact]
    public void Decode_TrailingBytes_ReturnsLengthMismatch()
    {
        Assert.Equal(DecodeStatus.LengthMismatch, TcpCodec.Decode(Hex("0001 0000 0006 11 03 006B 0003 00"), out _, out _));
    }
}
