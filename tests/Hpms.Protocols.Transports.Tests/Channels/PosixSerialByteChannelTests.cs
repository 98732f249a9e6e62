using System.IO.Ports;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

[SupportedOSPlatform("linux")]
public sealed class PosixSerialByteChannelTests : SerialByteChannelContractTests
{
    protected override IByteChannel CreateChannel(SerialLineOptions options) => new PosixSerialByteChannel(options);

    [Fact]
    public void Termios_Layout_MatchesGlibc()
    {
        // sizeof/offsetof from a C program on Linux x86_64 and arm64 glibc.
        Assert.Equal(60, Marshal.SizeOf<PosixInterop.Termios>());
        Assert.Equal(8, (int)Marshal.OffsetOf<PosixInterop.Termios>(nameof(PosixInterop.Termios.CFlag)));
        Assert.Equal(16, (int)Marshal.OffsetOf<PosixInterop.Termios>(nameof(PosixInterop.Termios.Line)));
        Assert.Equal(17, (int)Marshal.OffsetOf<PosixInterop.Termios>(nameof(PosixInterop.Termios.ControlChars)));
        Assert.Equal(52, (int)Marshal.OffsetOf<PosixInterop.Termios>(nameof(PosixInterop.Termios.ISpeed)));
        Assert.Equal(56, (int)Marshal.OffsetOf<PosixInterop.Termios>(nameof(PosixInterop.Termios.OSpeed)));
    }

    [Theory]
    [InlineData(9600, 0xD)]
    [InlineData(19200, 0xE)]
    [InlineData(115200, 0x1002)]
    public void TryGetSpeedConstant_SupportedRate_ReturnsTermiosConstant(int baud, uint expected)
    {
        Assert.True(PosixInterop.TryGetSpeedConstant(baud, out uint speed));
        Assert.Equal(expected, speed);
    }

    [Fact]
    public void SpeedConstants_CoverEverySupportedBaudRate()
    {
        foreach (int baud in SerialLineOptions.SupportedBaudRates)
        {
            Assert.True(PosixInterop.TryGetSpeedConstant(baud, out _), $"no termios constant for {baud}");
        }
    }

    [PtyFact]
    public async Task OpenAsync_EvenParityOnPty_OpensOrExplainsPtyLimit()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using var channel = new PosixSerialByteChannel(new SerialLineOptions { PortName = pair.PathB });

        try
        {
            await channel.OpenAsync(CancellationToken.None);
            Assert.True(channel.IsOpen);
        }
        catch (TransportException ex)
        {
            Assert.Contains("pty", ex.Message, StringComparison.Ordinal);
        }
    }

    [PtyFact]
    public async Task OpenAsync_NotATty_ThrowsTransportException()
    {
        string file = Path.GetTempFileName();
        try
        {
            await using var channel = new PosixSerialByteChannel(new SerialLineOptions { PortName = file, Parity = Parity.None });
            TransportException ex = await Assert.ThrowsAsync<TransportException>(() => channel.OpenAsync(CancellationToken.None).AsTask());
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [PtyFact]
    public async Task ReadAsync_PeerGone_FaultsWithTransportException()
    {
        PtyPair pair = await PtyPair.StartAsync();
        await using var channel = new PosixSerialByteChannel(Pty(pair.PathB));
        await channel.OpenAsync(CancellationToken.None);

        Task<int> read = channel.ReadAsync(new byte[8], CancellationToken.None).AsTask();
        await pair.DisposeAsync();

        await Assert.ThrowsAsync<TransportException>(() => read.WaitAsync(ChannelTestExtensions.Deadline));
        Assert.False(channel.IsOpen);
    }
}
