using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Server;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus;

/// <summary>
/// The worked examples of the Modbus Application Protocol V1.1b3 §6, end to end: master encodes the
/// request, server decodes and answers it from a <see cref="RegisterBank"/>, master validates the
/// answer and extracts the values.
/// </summary>
public sealed class ModbusTransactionTests
{
    private const int BankSize = 1000;

    [Theory]
    [InlineData(FunctionCode.ReadCoils, 0x0013, 19, "01 0013 0013", "01 03 CD 6B 05")]              // §6.1
    [InlineData(FunctionCode.ReadDiscreteInputs, 0x00C4, 22, "02 00C4 0016", "02 03 AC DB 35")]     // §6.2
    public void Transaction_SpecReadBitsExample_MatchesGoldenBytesBothWays(
        FunctionCode function, ushort address, int quantity, string requestHex, string responseHex)
    {
        byte[] expectedRequest = Hex(requestHex);
        byte[] expectedResponse = Hex(responseHex);
        bool[] bits = UnpackReference(expectedResponse.AsSpan(2), quantity);

        byte[] request = new byte[5];
        Assert.Equal(5, RequestPdu.EncodeRead(request, function, address, quantity));
        Assert.Equal(expectedRequest, request);

        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(request, out ModbusRequest header));
        Assert.Equal(new ModbusRequest(function, address, (ushort)quantity), header);

        var bank = new RegisterBank(BankSize, BankSize, BankSize, BankSize);
        var table = function == FunctionCode.ReadCoils ? ModbusDataTable.Coils : ModbusDataTable.DiscreteInputs;
        bank.SetBits(table, address, bits);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request, response, bank);
        Assert.Equal(ToHex(expectedResponse), ToHex(response.AsSpan(0, length)));

        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(expectedResponse, header, out ExceptionCode exception));
        Assert.Equal(ExceptionCode.None, exception);
        bool[] read = new bool[quantity];
        ResponsePdu.ReadBits(expectedResponse, read);
        Assert.Equal(bits, read);
    }

    [Theory]
    [InlineData(FunctionCode.ReadHoldingRegisters, 0x006B, 3, "03 006B 0003", "03 06 022B 0000 0064")] // §6.3
    [InlineData(FunctionCode.ReadInputRegisters, 0x0008, 1, "04 0008 0001", "04 02 000A")]              // §6.4
    public void Transaction_SpecReadRegistersExample_MatchesGoldenBytesBothWays(
        FunctionCode function, ushort address, int quantity, string requestHex, string responseHex)
    {
        byte[] expectedRequest = Hex(requestHex);
        byte[] expectedResponse = Hex(responseHex);
        ushort[] values = new ushort[quantity];
        for (int i = 0; i < quantity; i++)
        {
            values[i] = (ushort)((expectedResponse[2 + (2 * i)] << 8) | expectedResponse[3 + (2 * i)]);
        }

        byte[] request = new byte[5];
        Assert.Equal(5, RequestPdu.EncodeRead(request, function, address, quantity));
        Assert.Equal(expectedRequest, request);

        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(request, out ModbusRequest header));
        Assert.Equal(new ModbusRequest(function, address, (ushort)quantity), header);

        var bank = new RegisterBank(BankSize, BankSize, BankSize, BankSize);
        var table = function == FunctionCode.ReadHoldingRegisters ? ModbusDataTable.HoldingRegisters : ModbusDataTable.InputRegisters;
        bank.SetRegisters(table, address, values);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request, response, bank);
        Assert.Equal(ToHex(expectedResponse), ToHex(response.AsSpan(0, length)));

        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(expectedResponse, header, out _));
        ushort[] read = new ushort[quantity];
        ResponsePdu.ReadRegisters(expectedResponse, read);
        Assert.Equal(values, read);
    }

    [Fact]
    public void Transaction_SpecWriteSingleCoilExample_EchoesAndSetsCoil()
    {
        // §6.5: write coil 173 (address 0x00AC) ON.
        byte[] expected = Hex("05 00AC FF00");
        byte[] request = new byte[5];
        Assert.Equal(5, RequestPdu.EncodeWriteSingleCoil(request, 0x00AC, true));
        Assert.Equal(expected, request);

        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(request, out ModbusRequest header));
        Assert.Equal(new ModbusRequest(FunctionCode.WriteSingleCoil, 0x00AC, 1, SingleValue: 0xFF00), header);

        var bank = new RegisterBank(BankSize, BankSize, BankSize, BankSize);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request, response, bank);
        Assert.Equal(ToHex(expected), ToHex(response.AsSpan(0, length)));
        bool[] coil = new bool[3];
        bank.GetBits(ModbusDataTable.Coils, 0x00AB, coil);
        Assert.Equal([false, true, false], coil);

        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(expected, header, out _));

        // And OFF again.
        Assert.Equal(5, RequestPdu.EncodeWriteSingleCoil(request, 0x00AC, false));
        Assert.Equal("0500AC0000", ToHex(request));
        ModbusRequestProcessor.Process(request, response, bank);
        bank.GetBits(ModbusDataTable.Coils, 0x00AB, coil);
        Assert.Equal([false, false, false], coil);
    }

    [Fact]
    public void Transaction_SpecWriteSingleRegisterExample_EchoesAndSetsRegister()
    {
        // §6.6: write register 2 (address 1) = 0x0003.
        byte[] expected = Hex("06 0001 0003");
        byte[] request = new byte[5];
        Assert.Equal(5, RequestPdu.EncodeWriteSingleRegister(request, 0x0001, 0x0003));
        Assert.Equal(expected, request);

        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(request, out ModbusRequest header));
        Assert.Equal(new ModbusRequest(FunctionCode.WriteSingleRegister, 1, 1, SingleValue: 3), header);

        var bank = new RegisterBank(BankSize, BankSize, BankSize, BankSize);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request, response, bank);
        Assert.Equal(ToHex(expected), ToHex(response.AsSpan(0, length)));
        ushort[] regs = new ushort[3];
        bank.GetRegisters(ModbusDataTable.HoldingRegisters, 0, regs);
        Assert.Equal(new ushort[] { 0, 3, 0 }, regs);

        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(expected, header, out _));
    }

    [Fact]
    public void Transaction_SpecWriteMultipleCoilsExample_MatchesGoldenBytesAndSetsCoils()
    {
        // §6.11: ten coils from 20 (address 0x13): CD 01 = 1011 0011 10 in address order.
        bool[] values = [true, false, true, true, false, false, true, true, true, false];
        byte[] request = new byte[ModbusLimits.MaxPduLength];
        int n = RequestPdu.EncodeWriteMultipleCoils(request, 0x0013, values);
        Assert.Equal("0F0013000A02CD01", ToHex(request.AsSpan(0, n)));

        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(request.AsSpan(0, n), out ModbusRequest header));
        Assert.Equal(new ModbusRequest(FunctionCode.WriteMultipleCoils, 0x13, 10), header);
        bool[] carried = new bool[10];
        RequestPdu.ReadWrittenCoils(request.AsSpan(0, n), carried);
        Assert.Equal(values, carried);

        var bank = new RegisterBank(BankSize, BankSize, BankSize, BankSize);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request.AsSpan(0, n), response, bank);
        Assert.Equal("0F0013000A", ToHex(response.AsSpan(0, length)));
        bool[] coils = new bool[12];
        bank.GetBits(ModbusDataTable.Coils, 0x12, coils);
        Assert.Equal([false, .. values, false], coils);

        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(Hex("0F 0013 000A"), header, out _));
    }

    [Fact]
    public void Transaction_SpecWriteMultipleRegistersExample_MatchesGoldenBytesAndSetsRegisters()
    {
        // §6.12: registers 2 and 3 (address 1) = 0x000A, 0x0102.
        ushort[] values = [0x000A, 0x0102];
        byte[] request = new byte[ModbusLimits.MaxPduLength];
        int n = RequestPdu.EncodeWriteMultipleRegisters(request, 0x0001, values);
        Assert.Equal("100001000204000A0102", ToHex(request.AsSpan(0, n)));

        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(request.AsSpan(0, n), out ModbusRequest header));
        Assert.Equal(new ModbusRequest(FunctionCode.WriteMultipleRegisters, 1, 2), header);
        ushort[] carried = new ushort[2];
        RequestPdu.ReadWrittenRegisters(request.AsSpan(0, n), carried);
        Assert.Equal(values, carried);

        var bank = new RegisterBank(BankSize, BankSize, BankSize, BankSize);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request.AsSpan(0, n), response, bank);
        Assert.Equal("1000010002", ToHex(response.AsSpan(0, length)));
        ushort[] regs = new ushort[4];
        bank.GetRegisters(ModbusDataTable.HoldingRegisters, 0, regs);
        Assert.Equal(new ushort[] { 0, 0x000A, 0x0102, 0 }, regs);

        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(Hex("10 0001 0002"), header, out _));
    }

    [Fact]
    public void Transaction_SpecReadWriteMultipleRegistersExample_MatchesGoldenBytesBothWays()
    {
        // §6.17: read 6 registers from address 3, write 3 registers (0x00FF) at address 14.
        ushort[] held = [0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF];
        ushort[] written = [0x00FF, 0x00FF, 0x00FF];
        byte[] request = new byte[ModbusLimits.MaxPduLength];
        int n = RequestPdu.EncodeReadWriteMultipleRegisters(request, 0x0003, 6, 0x000E, written);
        Assert.Equal(ToHex(Hex("17 0003 0006 000E 0003 06 00FF 00FF 00FF")), ToHex(request.AsSpan(0, n)));

        Assert.Equal(DecodeStatus.Ok, RequestPdu.TryDecode(request.AsSpan(0, n), out ModbusRequest header));
        Assert.Equal(new ModbusRequest(FunctionCode.ReadWriteMultipleRegisters, 3, 6, 14, 3), header);

        var bank = new RegisterBank(BankSize, BankSize, BankSize, BankSize);
        bank.SetRegisters(ModbusDataTable.HoldingRegisters, 3, held);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request.AsSpan(0, n), response, bank);
        byte[] expectedResponse = Hex("17 0C 00FE 0ACD 0001 0003 000D 00FF");
        Assert.Equal(ToHex(expectedResponse), ToHex(response.AsSpan(0, length)));
        ushort[] after = new ushort[3];
        bank.GetRegisters(ModbusDataTable.HoldingRegisters, 14, after);
        Assert.Equal(written, after);

        Assert.Equal(DecodeStatus.Ok, ResponsePdu.Validate(expectedResponse, header, out _));
        ushort[] read = new ushort[6];
        ResponsePdu.ReadRegisters(expectedResponse, read);
        Assert.Equal(held, read);
    }

    [Fact]
    public void Transaction_ExceptionFromServer_ValidatesAsExceptionResponse()
    {
        // Reading past the bank: the server answers 83 02, the master sees exception 02.
        var bank = new RegisterBank(10, 10, 10, 10);
        byte[] request = new byte[5];
        RequestPdu.EncodeRead(request, FunctionCode.ReadHoldingRegisters, 8, 3);
        byte[] response = new byte[ModbusLimits.MaxPduLength];
        int length = ModbusRequestProcessor.Process(request, response, bank);
        Assert.Equal("8302", ToHex(response.AsSpan(0, length)));

        var header = new ModbusRequest(FunctionCode.ReadHoldingRegisters, 8, 3);
        Assert.Equal(DecodeStatus.ExceptionResponse, ResponsePdu.Validate(response.AsSpan(0, length), header, out ExceptionCode exception));
        Assert.Equal(ExceptionCode.IllegalDataAddress, exception);
    }
}
