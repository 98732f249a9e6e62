using Hpms.Protocols.Registers;

namespace Hpms.Protocols.Tests.Registers;

public sealed class DecimalScaleTests
{
    [Theory]
    [InlineData(46, 0.1, 4.6)]
    [InlineData(-182, 0.1, -18.2)]
    [InlineData(12345, 0.01, 123.45)]
    [InlineData(7, 0.001, 0.007)]
    [InlineData(3, 2.5, 7.5)]
    public void TryDecode_DecimalScale_GivesTheNumberAPersonWouldType(int raw, double scale, double expected)
    {
        ushort[] registers = [unchecked((ushort)(short)raw)];

        RegisterCodecStatus status = RegisterValueCodec.TryDecode(registers, new RegisterFormat(RegisterDataType.Int16, Scale: scale), out double value);

        Assert.Equal(RegisterCodecStatus.Ok, status);
        Assert.Equal(expected, value); // exact, not within a tolerance
    }
}
