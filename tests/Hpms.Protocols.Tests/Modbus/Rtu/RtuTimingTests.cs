using Hpms.Protocols.Modbus.Rtu;

namespace Hpms.Protocols.Tests.Modbus.Rtu;

public sealed class RtuTimingTests
{
    private static readonly TimeSpan s_oneTick = TimeSpan.FromTicks(1);

    [Theory]
    [InlineData(1200)]
    [InlineData(9600)]
    [InlineData(19200)]
    [InlineData(115200)]
    public void CharacterTime_Baud_IsElevenBitTimes(int baud)
    {
        double expectedSeconds = 11.0 / baud;
        Assert.Equal(expectedSeconds, RtuTiming.CharacterTime(baud).TotalSeconds, 1e-7);
    }

    [Fact]
    public void InterFrameSilence_9600_IsAbout4Point01Milliseconds()
    {
        Assert.Equal(3.5 * 11 / 9600 * 1000, RtuTiming.InterFrameSilence(9600).TotalMilliseconds, 1e-3);
        Assert.Equal(4.01, RtuTiming.InterFrameSilence(9600).TotalMilliseconds, 0.01);
        Assert.Equal(1.5 * 11 / 9600 * 1000, RtuTiming.InterCharacterTimeout(9600).TotalMilliseconds, 1e-3);
    }

    [Fact]
    public void InterFrameSilence_19200_StillCharacterBased()
    {
        Assert.Equal(3.5 * 11 / 19200 * 1000, RtuTiming.InterFrameSilence(19200).TotalMilliseconds, 1e-3);
        Assert.Equal(1.5 * 11 / 19200 * 1000, RtuTiming.InterCharacterTimeout(19200).TotalMilliseconds, 1e-3);
    }

    [Theory]
    [InlineData(19201)]
    [InlineData(38400)]
    [InlineData(115200)]
    [InlineData(921600)]
    public void Timeouts_Above19200_FixedAt1Point75And0Point75Milliseconds(int baud)
    {
        Assert.Equal(TimeSpan.FromMicroseconds(1750), RtuTiming.InterFrameSilence(baud));
        Assert.Equal(TimeSpan.FromMicroseconds(750), RtuTiming.InterCharacterTimeout(baud));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-9600)]
    public void CharacterTime_NonPositiveBaud_Throws(int baud)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RtuTiming.CharacterTime(baud));
    }

    [Fact]
    public void TransmissionTime_EightBytesAt9600_IsEightyEightBitTimes()
    {
        TimeSpan t = RtuTiming.TransmissionTime(8, 9600);
        Assert.InRange(t, TimeSpan.FromSeconds(88.0 / 9600) - s_oneTick, TimeSpan.FromSeconds(88.0 / 9600) + s_oneTick);
    }

    [Theory]
    [InlineData(8, 25, 9600, 21.8)]
    [InlineData(8, 25, 19200, 43.6)]
    [InlineData(8, 25, 115200, 150)]
    public void WireLimitTransactionsPerSecond_ReadOfTenRegisters_MatchesHandCalculation(
        int requestBytes, int responseBytes, int baud, double expected)
    {
        Assert.Equal(expected, RtuTiming.WireLimitTransactionsPerSecond(requestBytes, responseBytes, baud), 0.5);
    }
}
