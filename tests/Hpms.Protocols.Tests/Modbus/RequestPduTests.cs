using Hpms.Protocols.Modbus;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus;

public sealed class RequestPduTests
{
    [Theory]
    [InlineData(FunctionCode.ReadCoils, 2000)]
    [InlineData(FunctionCode.ReadDiscreteInputs, 2000)]
    [InlineData(FunctionCode.ReadHoldingRegisters, 125)]
    [InlineData(FunctionCode.ReadInputRegisters, 125)]
    [InlineData(FunctionCode.ReadHoldingRegisters, 1)]
    public void EncodeRead_QuantityAtLimit_Encodes(FunctionCode function, int quantity)
    {
        byte[] pdu = new byte[5];
        Assert.Equal(5, RequestPdu.EncodeRead(pdu, function, 0x1234, quantity));
        Assert.Equal($"{(byte)function:X2}1234{quantity:X4}", ToHex(pdu));
    }

    [Theory]
    [InlineData(FunctionCode.ReadCoils, 2001, "ReadCoils")]
    [InlineData(FunctionCode.ReadDiscreteInputs, 2001, "ReadDiscreteInputs")]
    [InlineData(FunctionCode.ReadHoldingRegisters, 126, "ReadHoldingRegisters")]
    [InlineData(FunctionCode.ReadInputRegisters, 126, "ReadInputRegisters")]
    [InlineData(FunctionCode.ReadHoldingRegisters, 0, "ReadHoldingRegisters")]
    [InlineData(FunctionCode.ReadCoils, -1, "ReadCoils")]
    public void EncodeRead_QuantityOutOfLimit_ThrowsNamingFunction(FunctionCode function, int quantity, string name)
    {
        byte[] pdu = new byte[5];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeRead(pdu, function, 0, quantity));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"FC {(byte)function:D2}", ex.Message, StringComparison.Ordinal);
        Assert.Equal("quantity", ex.ParamName);
        Assert.Equal(new byte[5], pdu);
    }

    [Theory]
    [InlineData(FunctionCode.WriteSingleCoil)]
    [InlineData(FunctionCode.WriteMultipleRegisters)]
    [InlineData(FunctionCode.ReadWriteMultipleRegisters)]
    [InlineData((FunctionCode)0x2B)]
    public void EncodeRead_NotAReadFunction_ThrowsArgumentException(FunctionCode function)
    {
        byte[] pdu = new byte[5];
        var ex = Assert.Throws<ArgumentException>(() => RequestPdu.EncodeRead(pdu, function, 0, 1));
        Assert.Equal("function", ex.ParamName);
    }

    [Theory]
    [InlineData(FunctionCode.ReadHoldingRegisters, 65535, 1)]
    [InlineData(FunctionCode.ReadHoldingRegisters, 65411, 125)]
    [InlineData(FunctionCode.ReadCoils, 63536, 2000)]
    public void EncodeRead_RangeEndsAt65535_Encodes(FunctionCode function, int address, int quantity)
    {
        byte[] pdu = new byte[5];
        Assert.Equal(5, RequestPdu.EncodeRead(pdu, function, (ushort)address, quantity));
    }

    [Theory]
    [InlineData(FunctionCode.ReadHoldingRegisters, 65535, 2)]
    [InlineData(FunctionCode.ReadHoldingRegisters, 65412, 125)]
    [InlineData(FunctionCode.ReadInputRegisters, 65500, 100)]
    [InlineData(FunctionCode.ReadCoils, 63537, 2000)]
    [InlineData(FunctionCode.ReadDiscreteInputs, 65535, 2)]
    public void EncodeRead_RangePast65535_ThrowsNamingFunction(FunctionCode function, int address, int quantity)
    {
        byte[] pdu = new byte[5];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeRead(pdu, function, (ushort)address, quantity));
        Assert.Contains(function.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("65535", ex.Message, StringComparison.Ordinal);
        Assert.Equal("address", ex.ParamName);
    }

    [Fact]
    public void EncodeWriteMultipleRegisters_123_Encodes124_Throws()
    {
        byte[] pdu = new byte[ModbusLimits.MaxPduLength + 10];
        int n = RequestPdu.EncodeWriteMultipleRegisters(pdu, 0, new ushort[123]);
        Assert.Equal(6 + 246, n);
        Assert.Equal(246, pdu[5]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeWriteMultipleRegisters(pdu, 0, new ushort[124]));
        Assert.Contains("WriteMultipleRegisters", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeWriteMultipleRegisters(pdu, 0, ReadOnlySpan<ushort>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeWriteMultipleRegisters(pdu, 65535, new ushort[2]));
    }

    [Fact]
    public void EncodeWriteMultipleCoils_1968_Encodes1969_Throws()
    {
        byte[] pdu = new byte[ModbusLimits.MaxPduLength + 10];
        int n = RequestPdu.EncodeWriteMultipleCoils(pdu, 0, new bool[1968]);
        Assert.Equal(6 + 246, n);
        Assert.Equal(246, pdu[5]);
        Assert.Equal("0F000007B0F6", ToHex(pdu.AsSpan(0, 6)));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeWriteMultipleCoils(pdu, 0, new bool[1969]));
        Assert.Contains("WriteMultipleCoils", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeWriteMultipleCoils(pdu, 0, ReadOnlySpan<bool>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeWriteMultipleCoils(pdu, 65000, new bool[537]));
    }

    [Fact]
    public void EncodeReadWriteMultipleRegisters_WriteLimit121_Encodes122_Throws()
    {
        byte[] pdu = new byte[ModbusLimits.MaxPduLength + 10];
        int n = RequestPdu.EncodeReadWriteMultipleRegisters(pdu, 0, 125, 0, new ushort[121]);
        Assert.Equal(10 + 242, n);
        Assert.Equal(242, pdu[9]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeReadWriteMultipleRegisters(pdu, 0, 1, 0, new ushort[122]));
        Assert.Contains("ReadWriteMultipleRegisters", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeReadWriteMultipleRegisters(pdu, 0, 126, 0, new ushort[1]));
        Assert.Contains("ReadWriteMultipleRegisters", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeReadWriteMultipleRegisters(pdu, 0, 0, 0, new ushort[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeReadWriteMultipleRegisters(pdu, 65535, 2, 0, new ushort[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestPdu.EncodeReadWriteMultipleRegisters(pdu, 0, 1, 65535, new ushort[2]));
    }

    [Fact]
    public void EncodeWriteMultipleCoils_PartialLastByte_HighBitsZero()
    {
        byte[] pdu = Enumerable.Repeat((byte)0xAA, 16).ToArray();
        int n = RequestPdu.EncodeWriteMultipleCoils(pdu, 1, [true, true, true, true, true, true, true, true, true]);
        Assert.Equal("0F0001000902FF01", ToHex(pdu.AsSpan(0, n)));
    }

    [Theory]
    [InlineData("01 0013 0013", FunctionCode.ReadCoils, 0x13, 19, 0, 0, 0)]
    [InlineData("02 00C4 0016", FunctionCode.ReadDiscreteInputs, 0xC4, 22, 0, 0, 0)]
    [InlineData("03 006B 0003", FunctionCode.ReadHoldingRegisters, 0x6B, 3, 0, 0, 0)]
    [InlineData("04 0008 0001", FunctionCode.ReadInputRegisters, 8, 1, 0, 0, 0)]
    [InlineData("05 00AC FF00", FunctionCode.WriteSingleCoil, 0xAC, 1, 0, 0, 0xFF00)]
    [InlineData("05 00AC 0000", FunctionCode.WriteSingleCoil, 0xAC, 1, 0, 0, 0)]
    [InlineData("06 0001 0003", FunctionCode.WriteSingleRegister, 1, 1, 0, 0, 3)]
    [InlineData("0F 0013 000A 02 CD 01", FunctionCode.WriteMultipleCoils, 0x13, 10, 0, 0, 0)]
    [InlineData("10 0001 0002 04 000A 0102", FunctionCode.WriteMultipleRegisters, 1, 2, 0, 0, 0)]
    [InlineData("17 0003 0006 000E 0003 06 00FF 00FF 00FF", FunctionCode.ReadWriteMultipleRegisters, 3, 6, 14, 3, 0)]
    [InlineData("03 FFFF 0001", FunctionCode.ReadHoldingRegisters, 0xFFFF, 1, 0, 0, 0)]
    [InlineData("01 0000 07D0", FunctionCode.ReadCoils, 0, 2000, 0, 0, 0)]
    [InlineData("03 0000 007D", FunctionCode.ReadHoldingRegisters, 0, 125, 0, 0, 0)]
    public void TryDecode_SpecRequest_ReturnsHeader(
        string hex, FunctionCode function, int address, int quantity, int writeAddress, int writeQuantity, int singleValue)
    {
        byte[] pdu = Hex(hex);
        Assert.Equal(pdu.Length, RequestPdu.ExpectedLength(pdu));
        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(pdu, out ModbusRequest request));
        Assert.Equal(
            new ModbusRequest(function, (ushort)address, (ushort)quantity, (ushort)writeAddress, (ushort)writeQuantity, (ushort)singleValue),
            request);
    }

    [Theory]
    [InlineData("03 0000 0000")]            // quantity 0
    [InlineData("03 0000 007E")]            // 126 registers
    [InlineData("04 0000 007E")]
    [InlineData("01 0000 0000")]
    [InlineData("01 0000 07D1")]            // 2001 bits
    [InlineData("02 0000 07D1")]
    [InlineData("05 0001 1234")]            // coil value neither FF00 nor 0000
    [InlineData("05 0001 00FF")]
    [InlineData("0F 0013 000A 01 CD")]      // byte count 1 for 10 coils
    [InlineData("0F 0013 0000 00")]         // zero coils
    [InlineData("10 0001 0002 02 000A")]    // byte count 2 for 2 registers
    [InlineData("10 0001 0000 00")]
    [InlineData("10 0001 007C 00")]         // 124 registers
    [InlineData("17 0003 0006 000E 0003 04 00FF 00FF")]  // byte count disagrees with write quantity
    [InlineData("17 0003 0000 000E 0001 02 00FF")]       // read quantity 0
    [InlineData("17 0003 007E 000E 0001 02 00FF")]       // read quantity 126
    [InlineData("17 0003 0001 000E 0000 00")]            // write quantity 0
    public void TryDecode_ValueOutOfSpec_ReturnsIllegalValue(string hex)
    {
        Assert.Equal(DecodeStatus.IllegalValue, RequestPdu.TryDecode(Hex(hex), out _));
    }

    [Theory]
    [InlineData("07")]
    [InlineData("2B 0E 01 00")]
    [InlineData("00 0000 0001")]
    [InlineData("83 0000 0001")]
    [InlineData("08 0000 A537")]
    [InlineData("FF")]
    public void TryDecode_UnknownFunction_ReturnsUnknownFunction(string hex)
    {
        Assert.Equal(DecodeStatus.UnknownFunction, RequestPdu.TryDecode(Hex(hex), out _));
        Assert.Equal(0, RequestPdu.ExpectedLength(Hex(hex)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("03")]
    [InlineData("03 006B 00")]
    [InlineData("0F 0013 000A")]
    [InlineData("0F 0013 000A 02 CD")]
    [InlineData("10 0001 0002 04 000A")]
    [InlineData("17 0003 0006 000E 0003")]
    [InlineData("17 0003 0006 000E 0003 06 00FF 00FF 00")]
    public void TryDecode_Truncated_ReturnsIncomplete(string hex)
    {
        Assert.Equal(DecodeStatus.Incomplete, RequestPdu.TryDecode(Hex(hex), out _));
    }

    [Theory]
    [InlineData("03 006B 0003 00")]
    [InlineData("05 00AC FF00 FF")]
    [InlineData("0F 0013 000A 02 CD 01 00")]
    [InlineData("17 0003 0006 000E 0003 06 00FF 00FF 00FF 00")]
    public void TryDecode_TrailingBytes_ReturnsLengthMismatch(string hex)
    {
        Assert.Equal(DecodeStatus.LengthMismatch, RequestPdu.TryDecode(Hex(hex), out _));
    }

    [Theory]
    [InlineData("", -1)]
    [InlineData("0F 0013 000A", -1)]
    [InlineData("0F 0013 000A 02", 8)]
    [InlineData("10 0001 0002 04", 10)]
    [InlineData("17 0003 0006 000E 00", -1)]
    [InlineData("17 0003 0006 000E 0003 FF", 265)]
    [InlineData("06", 5)]
    public void ExpectedLength_Prefix_PredictsLength(string hex, int expected)
    {
        Assert.Equal(expected, RequestPdu.ExpectedLength(Hex(hex)));
    }
}
