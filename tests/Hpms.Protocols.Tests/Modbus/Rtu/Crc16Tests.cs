using Hpms.Protocols.Modbus.Rtu;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus.Rtu;

public sealed class Crc16Tests
{
    [Theory]
    [InlineData("01 03 0000 000A", 0xCDC5)]             // Modbus over Serial Line, read 10 holding registers
    [InlineData("11 03 006B 0003", 0x8776)]             // the well-known slave 17 example: ... 76 87 on the wire
    [InlineData("01 83 02", 0xF1C0)]                     // exception response: ... C0 F1 on the wire
    [InlineData("", 0xFFFF)]                             // initial value, nothing covered
    [InlineData("313233343536373839", 0x4B37)]           // CRC-16/MODBUS check value for "123456789"
    public void Compute_GoldenInput_MatchesSpecAndReference(string hex, int expected)
    {
        byte[] data = Hex(hex);
        Assert.Equal((ushort)expected, ReferenceCrc(data));
        Assert.Equal((ushort)expected, Crc16.Compute(data));
    }

    [Fact]
    public void Compute_RandomData_MatchesBitByBitReference()
    {
        var random = new Random(20240517);
        for (int i = 0; i < 2000; i++)
        {
            byte[] data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            Assert.Equal(ReferenceCrc(data), Crc16.Compute(data));
        }
    }

    [Fact]
    public void Compute_FrameWithItsCrcAppended_LeavesZeroResidue()
    {
        // CRC-16/MODBUS has a zero residue: the CRC over frame + CRC (low byte first) is 0.
        byte[] frame = Hex("11 03 006B 0003 7687");
        Assert.Equal(0, Crc16.Compute(frame));
    }
}
