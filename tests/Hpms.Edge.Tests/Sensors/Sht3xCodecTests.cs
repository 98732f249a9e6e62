using Hpms.Edge.Sensors;

namespace Hpms.Edge.Tests.Sensors;

public sealed class Sht3xCodecTests
{
    [Theory]
    [InlineData("BEEF", 0x92)] // the datasheet's example (§4.12)
    [InlineData("6666", 0x93)]
    [InlineData("8000", 0xA2)]
    [InlineData("0000", 0x81)]
    [InlineData("FFFF", 0xAC)]
    public void Crc8_KnownWords_MatchTheDatasheetAlgorithm(string word, int expected) =>
        Assert.Equal((byte)expected, Sht3xCodec.Crc8(Convert.FromHexString(word)));

    [Fact]
    public void DecodeMeasurement_KnownFrame_ConvertsByTheDatasheetFormulas()
    {
        // S_T = 0x6666 = 26214 = 0.4 · 65535 → −45 + 175 · 0.4 = 25 °C; S_RH = 0x8000 → 100 · 32768 / 65535.
        Sht3xStatus status = Sht3xCodec.DecodeMeasurement(Convert.FromHexString("666693800" + "0A2"), out Sht3xReading reading);

        Assert.Equal(Sht3xStatus.Ok, status);
        Assert.Equal(new Sht3xReading(0x6666, 0x8000, reading.TemperatureC, reading.RelativeHumidityPercent), reading);
        Assert.Equal(25.0, reading.TemperatureC, 12);
        Assert.Equal(50.000763, reading.RelativeHumidityPercent, 6);
    }

    [Theory]
    [InlineData(0, -45.0, 0.0)]
    [InlineData(65535, 130.0, 100.0)]
    public void Conversions_RangeEnds_AreTheDatasheetLimits(int raw, double temperatureC, double humidity)
    {
        Assert.Equal(temperatureC, Sht3xCodec.TemperatureC((ushort)raw), 12);
        Assert.Equal(humidity, Sht3xCodec.RelativeHumidityPercent((ushort)raw), 12);
    }

    [Theory]
    [InlineData("666694800" + "0A2")] // temperature CRC off by one
    [InlineData("666693800" + "0A3")] // humidity CRC off by one
    [InlineData("666793800" + "0A2")] // a flipped data bit
    public void DecodeMeasurement_BadCrc_ReturnsCrcMismatch(string hex) =>
        Assert.Equal(Sht3xStatus.CrcMismatch, Sht3xCodec.DecodeMeasurement(Convert.FromHexString(hex), out _));

    [Fact]
    public void DecodeMeasurement_ShortBuffer_ReturnsShortFrame() =>
        Assert.Equal(Sht3xStatus.ShortFrame, Sht3xCodec.DecodeMeasurement([0x66, 0x66, 0x93], out _));

    [Fact]
    public void DecodeMeasurement_RandomBytes_NeverThrowAndAcceptOnlyMatchingCrcs()
    {
        var random = new Random(4);
        byte[] frame = new byte[6];
        for (int i = 0; i < 20_000; i++)
        {
            random.NextBytes(frame);
            bool crcsMatch = Sht3xCodec.Crc8(frame.AsSpan(0, 2)) == frame[2] && Sht3xCodec.Crc8(frame.AsSpan(3, 2)) == frame[5];

            Sht3xStatus status = Sht3xCodec.DecodeMeasurement(frame, out _);

            Assert.Equal(crcsMatch ? Sht3xStatus.Ok : Sht3xStatus.CrcMismatch, status);
        }
    }

    [Fact]
    public void StatusRegister_Bits_AreNamedAsInTheDatasheet()
    {
        var register = new Sht3xStatusRegister(0xAC13);

        Assert.True(register.AlertPending);
        Assert.True(register.HeaterOn);
        Assert.True(register.HumidityTrackingAlert);
        Assert.True(register.TemperatureTrackingAlert);
        Assert.True(register.SystemResetDetected);
        Assert.True(register.LastCommandFailed);
        Assert.True(register.WriteChecksumFailed);
        Assert.False(new Sht3xStatusRegister(0).HeaterOn);
    }
}
