using Hpms.Protocols.Modbus;
using static Hpms.Protocols.Tests.Modbus.ModbusTestData;

namespace Hpms.Protocols.Tests.Modbus;

public sealed class BitPackingTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(2000, 250)]
    [InlineData(1968, 246)]
    public void ByteCount_Bits_RoundsUp(int bits, int bytes) => Assert.Equal(bytes, BitPacking.ByteCount(bits));

    [Fact]
    public void Pack_SpecExample_FirstBitInLsbAndHighBitsCleared()
    {
        // §6.1 example: coils 20..38 are CD 6B 05.
        bool[] bits = UnpackReference(Hex("CD 6B 05"), 19);
        byte[] packed = [0xFF, 0xFF, 0xFF, 0xEE];
        BitPacking.Pack(bits, packed);
        Assert.Equal("CD6B05EE", ToHex(packed));

        bool[] back = new bool[19];
        BitPacking.Unpack(packed, back);
        Assert.Equal(bits, back);
    }

    [Fact]
    public void PackUnpack_RandomBits_RoundTrip()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            bool[] bits = new bool[random.Next(0, 2001)];
            for (int i = 0; i < bits.Length; i++)
            {
                bits[i] = random.Next(2) == 1;
            }

            byte[] packed = new byte[BitPacking.ByteCount(bits.Length)];
            BitPacking.Pack(bits, packed);
            Assert.Equal(bits, UnpackReference(packed, bits.Length));
            if (bits.Length % 8 != 0)
            {
                Assert.Equal(0, packed[^1] >> (bits.Length % 8));
            }
        }
    }
}
