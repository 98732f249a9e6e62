using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

public sealed class SerialByteChannelFactoryTests
{
    [Fact]
    public async Task Create_Auto_PicksPosixOnLinuxElseSystemIOPorts()
    {
        await using IByteChannel channel = SerialByteChannelFactory.Create(new SerialLineOptions { PortName = "/dev/ttyS0" });

        if (OperatingSystem.IsLinux())
        {
            Assert.IsType<PosixSerialByteChannel>(channel);
        }
        else
        {
            Assert.IsType<SystemIOPortsSerialByteChannel>(channel);
        }

        Assert.False(channel.IsOpen);
        Assert.Equal("/dev/ttyS0", channel.Name);
    }

    [Fact]
    public async Task Create_ForcedSystemIOPorts_ReturnsSystemIOPortsChannel()
    {
        await using IByteChannel channel = SerialByteChannelFactory.Create(
            new SerialLineOptions { PortName = "/dev/ttyS0", Driver = SerialDriverKind.SystemIOPorts });

        Assert.IsType<SystemIOPortsSerialByteChannel>(channel);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsArgumentExceptionWithReasons()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(
            () => SerialByteChannelFactory.Create(new SerialLineOptions { PortName = "", BaudRate = 1 }));

        Assert.Contains("PortName", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BaudRate", ex.Message, StringComparison.Ordinal);
    }
}
