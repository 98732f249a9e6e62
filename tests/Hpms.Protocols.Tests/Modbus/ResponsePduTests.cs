using Hpms.Protocols.Modbus;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus;

public sealed class ResponsePduTests
{
    private static readonly ModbusRequest s_readHolding = new(FunctionCode.ReadHoldingRegisters, 0x6B, 3);

    [Fact]
    public void Validate_OtherFunction_ReturnsFunctionMismatch()
    {
        Assert.Equal(DecodeStatus.FunctionMismatch, ResponsePdu.Validate(Hex("04 06 022B 0000 0064"), s_readHolding, out ExceptionCode ex));
        Assert.Equal(ExceptionCode.None, ex);
        Assert.Equal(DecodeStatus.FunctionMismatch, ResponsePdu.Validate(Hex("84 02"), s_readHolding, out _));
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x02)]
    [InlineData(0x03)]
    [InlineData(0x04)]
    [InlineData(0x05)]
    [InlineData(0x06)]
    [InlineData(0x07)]
    [InlineData(0x08)]
    [InlineData(0x09)]
    [InlineData(0x0A)]
    [InlineData(0x0B)]
    public void Validate_ExceptionResponse_ReturnsExceptionWithCode(byte code)
    {
        foreach (FunctionCode function in Enum.GetValues<FunctionCode>())
        {
            var request = new ModbusRequest(function, 0, 1);
            byte[] pdu = [(byte)((byte)function | 0x80), code];
            Assert.Equal(DecodeStatus.ExceptionResponse, ResponsePdu.Validate(pdu, request, out ExceptionCode exception));
            Assert.Equal((ExceptionCode)code, exception);
        }
    }

    [Fact]
    public void Validate_ExceptionResponseWrongLength_ReturnsIncompleteOrLengthMismatch()
    {
        Assert.Equal(DecodeStatus.Incomplete, ResponsePdu.Validate(Hex("83"), s_readHolding, out _));
        Assert.Equal(DecodeStatus.LengthMismatch, ResponsePdu.Validate(Hex("83 02 00"), s_readHolding, out _));
    }

    [Theory]
    [InlineData("03 05 022B 0000 0064")]
    [InlineData("03 07 022B 0000 0064")]
    [InlineData("03 00 022B 0000 0064")]
    public void Validate_ByteCountDisagrees_ReturnsByteCountMismatch(string hex)
    {
        Assert.Equal(DecodeStatus.ByteCountMismatch, ResponsePdu.Validate(Hex(hex), s_readHolding, out _));
    }

    [Fact]
    public void Validate_BitsByteCountDisagrees_ReturnsByteCountMismatch()
    {
        var request = new ModbusRequest(FunctionCode.ReadCoils, 0x13, 19);
        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(Hex("01 03 CD 6B 05"), request, out _));
        Assert.Equal(DecodeStatus.ByteCountMismatch, ResponsePdu.Validate(Hex("01 04 CD 6B 05"), request, out _));
        var rw = new ModbusRequest(FunctionCode.ReadWriteMultipleRegisters, 3, 1, 14, 1);
        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(Hex("17 02 00FE"), rw, out _));
        Assert.Equal(DecodeStatus.ByteCountMismatch, ResponsePdu.Validate(Hex("17 03 00FE"), rw, out _));
    }

    [Theory]
    [InlineData(FunctionCode.WriteSingleCoil, 0xAC, 1, 0xFF00, "05 00AC FF00", DecodeStatus.Ok)]
    [InlineData(FunctionCode.WriteSingleCoil, 0xAC, 1, 0xFF00, "05 00AD FF00", DecodeStatus.EchoMismatch)]
    [InlineData(FunctionCode.WriteSingleCoil, 0xAC, 1, 0xFF00, "05 00AC 0000", DecodeStatus.EchoMismatch)]
    [InlineData(FunctionCode.WriteSingleRegister, 1, 1, 3, "06 0001 0003", DecodeStatus.Ok)]
    [InlineData(FunctionCode.WriteSingleRegister, 1, 1, 3, "06 0002 0003", DecodeStatus.EchoMismatch)]
    [InlineData(FunctionCode.WriteSingleRegister, 1, 1, 3, "06 0001 0004", DecodeStatus.EchoMismatch)]
    [InlineData(FunctionCode.WriteMultipleCoils, 0x13, 10, 0, "0F 0013 000A", DecodeStatus.Ok)]
    [InlineData(FunctionCode.WriteMultipleCoils, 0x13, 10, 0, "0F 0014 000A", DecodeStatus.EchoMismatch)]
    [InlineData(FunctionCode.WriteMultipleCoils, 0x13, 10, 0, "0F 0013 000B", DecodeStatus.EchoMismatch)]
    [InlineData(FunctionCode.WriteMultipleRegisters, 1, 2, 0, "10 0001 0002", DecodeStatus.Ok)]
    [InlineData(FunctionCode.WriteMultipleRegisters, 1, 2, 0, "10 0000 0002", DecodeStatus.EchoMismatch)]
    [InlineData(FunctionCode.WriteMultipleRegisters, 1, 2, 0, "10 0001 0001", DecodeStatus.EchoMismatch)]
    public void Validate_WriteEcho_ChecksAddressAndValueOrQuantity(
        FunctionCode function, int address, int quantity, int value, string hex, DecodeStatus expected)
    {
        var request = new ModbusRequest(function, (ushort)address, (ushort)quantity, SingleValue: (ushort)value);
        Assert.Equal(expected, ResponsePdu.Validate(Hex(hex), request, out _));
    }

    [Theory]
    [InlineData("03 06 022B 0000 0064")]
    [InlineData("05 00AC FF00")]
    [InlineData("0F 0013 000A")]
    [InlineData("01 03 CD 6B 05")]
    public void Validate_EveryTruncation_ReturnsIncomplete(string hex)
    {
        byte[] full = Hex(hex);
        var request = full[0] switch
        {
            0x03 => s_readHolding,
            0x05 => new ModbusRequest(FunctionCode.WriteSingleCoil, 0xAC, 1, SingleValue: 0xFF00),
            0x0F => new ModbusRequest(FunctionCode.WriteMultipleCoils, 0x13, 10),
            _ => new ModbusRequest(FunctionCode.ReadCoils, 0x13, 19),
        };
        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(full, request, out _));
        for (int length = 0; length < full.Length; length++)
        {
            Assert.Equal(DecodeStatus.Incomplete, ResponsePdu.Validate(full.AsSpan(0, length), request, out _));
        }

        Assert.Equal(DecodeStatus.LengthMismatch, ResponsePdu.Validate([.. full, 0x00], request, out _));
    }

    [Theory]
    [InlineData(FunctionCode.ReadCoils, 19, 5)]
    [InlineData(FunctionCode.ReadDiscreteInputs, 2000, 252)]
    [InlineData(FunctionCode.ReadHoldingRegisters, 125, 252)]
    [InlineData(FunctionCode.ReadInputRegisters, 1, 4)]
    [InlineData(FunctionCode.ReadWriteMultipleRegisters, 6, 14)]
    [InlineData(FunctionCode.WriteSingleCoil, 1, 5)]
    [InlineData(FunctionCode.WriteSingleRegister, 1, 5)]
    [InlineData(FunctionCode.WriteMultipleCoils, 1968, 5)]
    [InlineData(FunctionCode.WriteMultipleRegisters, 123, 5)]
    public void ExpectedLength_Request_IsNormalResponseLength(FunctionCode function, int quantity, int expected)
    {
        Assert.Equal(expected, ResponsePdu.ExpectedLength(new ModbusRequest(function, 0, (ushort)quantity)));
    }

    [Theory]
    [InlineData("", -1)]
    [InlineData("03", -1)]
    [InlineData("03 06", 8)]
    [InlineData("01 FA", 252)]
    [InlineData("17 0C", 14)]
    [InlineData("05", 5)]
    [InlineData("10", 5)]
    [InlineData("83", 2)]
    [InlineData("97", 2)]
    [InlineData("87", 0)]
    [InlineData("2B", 0)]
    [InlineData("80", 0)]
    public void ExpectedLengthFromStream_Prefix_PredictsLength(string hex, int expected)
    {
        Assert.Equal(expected, ResponsePdu.ExpectedLengthFromStream(Hex(hex)));
    }

    [Fact]
    public void EncodeException_FunctionAndCode_SetsHighBit()
    {
        byte[] pdu = new byte[2];
        Assert.Equal(2, ResponsePdu.EncodeException(pdu, 0x03, ExceptionCode.IllegalDataAddress));
        Assert.Equal("8302", ToHex(pdu));
        ResponsePdu.EncodeException(pdu, 0x2B, ExceptionCode.IllegalFunction);
        Assert.Equal("AB01", ToHex(pdu));
    }

    [Fact]
    public void ReadRegisters_FullResponse_ReadsBigEndian()
    {
        byte[] pdu = new byte[252];
        pdu[0] = 0x03;
        pdu[1] = 250;
        for (int i = 0; i < 125; i++)
        {
            pdu[2 + (2 * i)] = (byte)(i + 1);
            pdu[3 + (2 * i)] = (byte)(0xFF - i);
        }

        var request = new ModbusRequest(FunctionCode.ReadHoldingRegisters, 0, 125);
        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(pdu, request, out _));
        ushort[] values = new ushort[125];
        ResponsePdu.ReadRegisters(pdu, values);
        for (int i = 0; i < 125; i++)
        {
            Assert.Equal((ushort)(((i + 1) << 8) | (0xFF - i)), values[i]);
        }
    }

    [Fact]
    public void IsKnown_SupportedFunctions_TrueOthersFalse()
    {
        for (int f = 0; f < 256; f++)
        {
            bool expected = f is 1 or 2 or 3 or 4 or 5 or 6 or 0x0F or 0x10 or 0x17;
            Assert.Equal(expected, ResponsePdu.IsKnown((FunctionCode)f));
        }
    }
}
