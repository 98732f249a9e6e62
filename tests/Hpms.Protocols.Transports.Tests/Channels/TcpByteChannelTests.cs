using System.Net;
using System.Net.Sockets;
using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

public sealed class TcpByteChannelTests
{
    [Fact]
    public async Task WriteAsync_ToEchoServer_ReadsSameBytesBack()
    {
        using Socket listener = Listen();
        await using var client = new TcpByteChannel("127.0.0.1", Port(listener));
        await client.OpenAsync(CancellationToken.None);
        await using var server = new TcpByteChannel(await listener.AcceptAsync());

        byte[] frame = new byte[256];
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)i;
        }

        await client.WriteAsync(frame, CancellationToken.None);
        byte[] atServer = await server.ReadExactlyAsync(frame.Length);
        await server.WriteAsync(atServer, CancellationToken.None);

        Assert.Equal(frame, await client.ReadExactlyAsync(frame.Length));
        Assert.True(client.IsOpen);
        Assert.True(server.IsOpen);
        Assert.StartsWith("tcp://127.0.0.1:", server.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NobodyListening_ThrowsTransportExceptionNamingEndpoint()
    {
        int port;
        using (Socket listener = Listen())
        {
            port = Port(listener);
        }

        await using var client = new TcpByteChannel("127.0.0.1", port);

        TransportException ex = await Assert.ThrowsAsync<TransportException>(() => client.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(ex.InnerException);
        Assert.False(client.IsOpen);
    }

    [Fact]
    public async Task ReadAsync_RemoteClosed_ReturnsZero()
    {
        using Socket listener = Listen();
        await using var client = new TcpByteChannel("127.0.0.1", Port(listener));
        await client.OpenAsync(CancellationToken.None);
        using (Socket accepted = await listener.AcceptAsync())
        {
            accepted.Shutdown(SocketShutdown.Both);
        }

        using var cts = new CancellationTokenSource(ChannelTestExtensions.Deadline);
        Assert.Equal(0, await client.ReadAsync(new byte[16], cts.Token));
        Assert.False(client.IsOpen);
    }

    [Fact]
    public async Task ReadAsync_NoData_CancelledByToken()
    {
        using Socket listener = Listen();
        await using var client = new TcpByteChannel("127.0.0.1", Port(listener));
        await client.OpenAsync(CancellationToken.None);
        using Socket accepted = await listener.AcceptAsync();

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadAsync(new byte[16], cts.Token).AsTask());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"cancellation took {watch.Elapsed}");
    }

    [Fact]
    public async Task CloseAsync_PendingRead_EndsWithTransportException()
    {
        using Socket listener = Listen();
        var client = new TcpByteChannel("127.0.0.1", Port(listener));
        await client.OpenAsync(CancellationToken.None);
        using Socket accepted = await listener.AcceptAsync();

        Task<int> read = client.ReadAsync(new byte[16], CancellationToken.None).AsTask();
        await client.CloseAsync();

        await Assert.ThrowsAsync<TransportException>(() => read.WaitAsync(ChannelTestExtensions.Deadline));
        Assert.False(client.IsOpen);
        await Assert.ThrowsAsync<TransportException>(() => client.WriteAsync(new byte[1], CancellationToken.None).AsTask());
        await client.CloseAsync();
    }

    [Fact]
    public async Task OpenAsync_AfterPeerClosed_Reconnects()
    {
        using Socket listener = Listen();
        await using var client = new TcpByteChannel("127.0.0.1", Port(listener));
        await client.OpenAsync(CancellationToken.None);
        (await listener.AcceptAsync()).Dispose();
        using var cts = new CancellationTokenSource(ChannelTestExtensions.Deadline);
        Assert.Equal(0, await client.ReadAsync(new byte[4], cts.Token));

        await client.OpenAsync(CancellationToken.None);
        await using var server = new TcpByteChannel(await listener.AcceptAsync());
        await server.WriteAsync(new byte[] { 7 }, CancellationToken.None);

        Assert.Equal([7], await client.ReadExactlyAsync(1));
    }

    [Fact]
    public async Task DiscardInput_LateBytes_AreDropped()
    {
        using Socket listener = Listen();
        await using var client = new TcpByteChannel("127.0.0.1", Port(listener));
        await client.OpenAsync(CancellationToken.None);
        await using var server = new TcpByteChannel(await listener.AcceptAsync());

        await server.WriteAsync(new byte[] { 1, 2, 3, 4 }, CancellationToken.None);
        Assert.Equal([1], await client.ReadExactlyAsync(1));
        client.DiscardInput();
        await server.WriteAsync(new byte[] { 9 }, CancellationToken.None);

        Assert.Equal([9], await client.ReadExactlyAsync(1));
    }

    [Fact]
    public async Task OpenAsync_AcceptedChannelAfterClose_ThrowsTransportException()
    {
        using Socket listener = Listen();
        await using var client = new TcpByteChannel("127.0.0.1", Port(listener));
        await client.OpenAsync(CancellationToken.None);
        var server = new TcpByteChannel(await listener.AcceptAsync());
        await server.CloseAsync();

        await Assert.ThrowsAsync<TransportException>(() => server.OpenAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public void Constructor_BadEndpoint_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TcpByteChannel(" ", 502));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpByteChannel("localhost", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpByteChannel("localhost", 70000));
    }

    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        return listener;
    }

    private static int Port(Socket listener) => ((IPEndPoint)listener.LocalEndPoint!).Port;
}
