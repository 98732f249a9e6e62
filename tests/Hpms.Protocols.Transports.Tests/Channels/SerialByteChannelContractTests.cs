using System.Diagnostics;
using System.IO.Ports;
using System.Runtime.Versioning;
using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

/// <summary>One suite for every serial driver, run over a real socat pty pair (Linux only).</summary>
[SupportedOSPlatform("linux")]
public abstract class SerialByteChannelContractTests
{
    protected abstract IByteChannel CreateChannel(SerialLineOptions options);

    // A pty cannot take parity (see PosixSerialByteChannel), so the suite runs 8N1.
    protected static SerialLineOptions Pty(string path) =>
        new() { PortName = path, BaudRate = 115200, Parity = Parity.None, StopBits = StopBits.One };

    [PtyFact]
    public async Task WriteAsync_AllByteValues_ArriveIntactOnPeer()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using IByteChannel a = await OpenAsync(pair.PathA);
        await using IByteChannel b = await OpenAsync(pair.PathB);

        byte[] frame = new byte[256];
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)i;
        }

        for (int round = 0; round < 3; round++)
        {
            await a.WriteAsync(frame, CancellationToken.None);
            Assert.Equal(frame, await b.ReadExactlyAsync(frame.Length));
        }

        byte[] reply = [0x00, 0xFF, 0x00, 0xFF, 0x11];
        await b.WriteAsync(reply, CancellationToken.None);
        Assert.Equal(reply, await a.ReadExactlyAsync(reply.Length));
    }

    [PtyFact]
    public async Task ReadAsync_NoData_CancelledPromptlyAndNextReadWorks()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using IByteChannel a = await OpenAsync(pair.PathA);
        await using IByteChannel b = await OpenAsync(pair.PathB);

        for (int attempt = 0; attempt < 3; attempt++)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.ReadAsync(new byte[16], cts.Token).AsTask());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"cancellation took {watch.Elapsed}");
        }

        Assert.True(b.IsOpen);
        byte[] frame = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A];
        await a.WriteAsync(frame, CancellationToken.None);
        Assert.Equal(frame, await b.ReadExactlyAsync(frame.Length));
    }

    [PtyFact]
    public async Task ReadAsync_CancellationsRacingArrivals_LoseNoBytes()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using IByteChannel a = await OpenAsync(pair.PathA);
        await using IByteChannel b = await OpenAsync(pair.PathB);

        const int Total = 2000;
        byte[] sent = new byte[Total];
        for (int i = 0; i < Total; i++)
        {
            sent[i] = (byte)(i * 7);
        }

        Task writer = Task.Run(async () =>
        {
            for (int offset = 0; offset < Total; offset += 10)
            {
                await a.WriteAsync(sent.AsMemory(offset, 10), CancellationToken.None);
                await Task.Yield();
            }
        });

        // Reads time out constantly while bytes keep arriving: a cancelled read must not eat data.
        byte[] received = new byte[Total];
        int count = 0;
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (count < Total)
        {
            using var perRead = CancellationTokenSource.CreateLinkedTokenSource(overall.Token);
            perRead.CancelAfter(TimeSpan.FromMilliseconds(1));
            try
            {
                count += await b.ReadAsync(received.AsMemory(count, Math.Min(7, Total - count)), perRead.Token);
            }
            catch (OperationCanceledException) when (!overall.IsCancellationRequested)
            {
                // Expected now and then; the next read carries on.
            }
        }

        await writer;
        Assert.Equal(sent, received);
    }

    [PtyFact]
    public async Task ReadAsync_AlreadyCancelledToken_Throws()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using IByteChannel b = await OpenAsync(pair.PathB);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => b.ReadAsync(new byte[8], new CancellationToken(canceled: true)).AsTask());
        Assert.True(b.IsOpen);
    }

    [PtyFact]
    public async Task DiscardInput_StaleBytes_AreDropped()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using IByteChannel a = await OpenAsync(pair.PathA);
        await using IByteChannel b = await OpenAsync(pair.PathB);

        // Read one byte so the rest of the stale chunk is known to sit in the channel or driver.
        await a.WriteAsync(new byte[] { 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE }, CancellationToken.None);
        Assert.Equal([0xEE], await b.ReadExactlyAsync(1));

        b.DiscardInput();

        byte[] fresh = [0x0A, 0x0B, 0x0C];
        await a.WriteAsync(fresh, CancellationToken.None);
        Assert.Equal(fresh, await b.ReadExactlyAsync(fresh.Length));
        await b.AssertNothingToReadAsync(TimeSpan.FromMilliseconds(150));
    }

    [PtyFact]
    public async Task OpenAsync_BytesReceivedBeforeOpen_AreDiscarded()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using IByteChannel a = await OpenAsync(pair.PathA);
        using (RawTty watcher = RawTty.Open(pair.PathB))
        {
            await a.WriteAsync(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, CancellationToken.None);
            Assert.True(watcher.WaitReadable(ChannelTestExtensions.Deadline), "stale bytes never reached pty B");

            await using IByteChannel b = await OpenAsync(pair.PathB);
            byte[] fresh = [0x42, 0x43];
            await a.WriteAsync(fresh, CancellationToken.None);
            Assert.Equal(fresh, await b.ReadExactlyAsync(fresh.Length));
        }
    }

    [PtyFact]
    public async Task CloseAsync_PendingRead_EndsWithTransportException()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        IByteChannel b = await OpenAsync(pair.PathB);

        Task<int> read = b.ReadAsync(new byte[16], CancellationToken.None).AsTask();
        await b.CloseAsync();

        await Assert.ThrowsAsync<TransportException>(() => read.WaitAsync(ChannelTestExtensions.Deadline));
        Assert.False(b.IsOpen);
        await Assert.ThrowsAsync<TransportException>(() => b.ReadAsync(new byte[1], CancellationToken.None).AsTask());
        await b.CloseAsync(); // Twice is fine.
    }

    [PtyFact]
    public async Task OpenAsync_AfterClose_ReopensAndTransfers()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        await using IByteChannel a = await OpenAsync(pair.PathA);
        await using IByteChannel b = await OpenAsync(pair.PathB);

        await b.CloseAsync();
        await b.OpenAsync(CancellationToken.None);

        byte[] frame = [0x05, 0x06];
        await a.WriteAsync(frame, CancellationToken.None);
        Assert.Equal(frame, await b.ReadExactlyAsync(frame.Length));
    }

    [PtyFact]
    public async Task OpenAsync_MissingPort_ThrowsTransportExceptionNamingPort()
    {
        string missing = $"/tmp/hpms-missing-{Guid.NewGuid():N}";
        await using IByteChannel channel = CreateChannel(Pty(missing));

        TransportException ex = await Assert.ThrowsAsync<TransportException>(() => channel.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.False(channel.IsOpen);
    }

    [PtyFact]
    public async Task ReadAsync_NotOpen_ThrowsTransportException()
    {
        await using IByteChannel channel = CreateChannel(Pty("/tmp/hpms-never-opened"));

        await Assert.ThrowsAsync<TransportException>(() => channel.ReadAsync(new byte[1], CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<TransportException>(() => channel.WriteAsync(new byte[1], CancellationToken.None).AsTask());
    }

    private async Task<IByteChannel> OpenAsync(string path)
    {
        IByteChannel channel = CreateChannel(Pty(path));
        await channel.OpenAsync(CancellationToken.None);
        Assert.True(channel.IsOpen);
        Assert.Equal(path, channel.Name);
        return channel;
    }
}
