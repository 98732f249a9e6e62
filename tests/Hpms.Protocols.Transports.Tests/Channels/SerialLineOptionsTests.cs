using System.IO.Ports;
using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

public sealed class SerialLineOptionsTests
{
    [Fact]
    public void Defaults_AreModbusSerialDefault19200Even()
    {
        var options = new SerialLineOptions { PortName = "/dev/ttyUSB0" };

        Assert.Equal(19200, options.BaudRate);
        Assert.Equal(Parity.Even, options.Parity);
        Assert.Equal(8, options.DataBits);
        Assert.Equal(StopBits.One, options.StopBits);
        Assert.Equal(SerialDriverKind.Auto, options.Driver);
        Assert.Empty(options.Validate());
        Assert.Equal("/dev/ttyUSB0 19200 8E1", options.ToString());
    }

    [Theory]
    [InlineData(Parity.Even, StopBits.One)]
    [InlineData(Parity.Odd, StopBits.One)]
    [InlineData(Parity.None, StopBits.Two)]
    [InlineData(Parity.None, StopBits.One)]
    public void Validate_AllowedFrame_NoErrors(Parity parity, StopBits stopBits)
    {
        var options = new SerialLineOptions { PortName = "COM3", Parity = parity, StopBits = stopBits };

        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(Parity.Even, StopBits.Two)]
    [InlineData(Parity.Mark, StopBits.One)]
    [InlineData(Parity.None, StopBits.OnePointFive)]
    public void Validate_OtherFrame_ErrorNamesParity(Parity parity, StopBits stopBits)
    {
        var options = new SerialLineOptions { PortName = "COM3", Parity = parity, StopBits = stopBits };

        Assert.Contains(options.Validate(), e => e.StartsWith("Parity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", 19200, 8, "PortName")]
    [InlineData("COM1", 12345, 8, "BaudRate")]
    [InlineData("COM1", 0, 8, "BaudRate")]
    [InlineData("COM1", 19200, 7, "DataBits")]
    public void Validate_BadField_ErrorNamesField(string port, int baud, int dataBits, string field)
    {
        var options = new SerialLineOptions { PortName = port, BaudRate = baud, DataBits = dataBits };

        string error = Assert.Single(options.Validate());
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedDriver_ErrorNamesDriver()
    {
        var options = new SerialLineOptions { PortName = "COM1", Driver = (SerialDriverKind)42 };

        Assert.StartsWith("Driver", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }
}
