using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

public sealed class ByteRingBufferTests
{
    [Fact]
    public void WriteRead_AcrossWrap_PreservesOrder()
    {
        var ring = new ByteRingBuffer(8);
        Span<byte> output = stackalloc byte[8];

        ring.Write([1, 2, 3, 4, 5, 6]);
        Assert.Equal(4, ring.Read(output[..4]));
        ring.Write([7, 8, 9, 10, 11]);

        Assert.Equal(7, ring.Count);
        Assert.Equal(7, ring.Read(output));
        Assert.Equal(new byte[] { 5, 6, 7, 8, 9, 10, 11 }, output[..7].ToArray());
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void Write_Overflow_KeepsNewestAndCounts()
    {
        var ring = new ByteRingBuffer(4);
        ring.Write([1, 2, 3]);
        ring.Write([4, 5, 6]);

        byte[] output = new byte[4];
        Assert.Equal(4, ring.Read(output));
        Assert.Equal(new byte[] { 3, 4, 5, 6 }, output);
        Assert.Equal(2, ring.OverwrittenBytes);
    }

    [Fact]
    public void Write_LargerThanCapacity_KeepsTail()
    {
        var ring = new ByteRingBuffer(3);
        ring.Write([9]);
        ring.Write([1, 2, 3, 4, 5]);

        byte[] output = new byte[3];
        Assert.Equal(3, ring.Read(output));
        Assert.Equal(new byte[] { 3, 4, 5 }, output);
        Assert.Equal(3, ring.OverwrittenBytes);
    }

    [Fact]
    public void Clear_DropsEverything()
    {
        var ring = new ByteRingBuffer(4);
        ring.Write([1, 2, 3]);
        ring.Clear();

        Assert.Equal(0, ring.Count);
        Assert.Equal(0, ring.Read(new byte[4]));
    }
}
