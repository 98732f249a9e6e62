using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

internal static class ChannelTestExtensions
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>Reads until <paramref name="count"/> bytes arrived, or fails after <see cref="Deadline"/>.</summary>
    public static async Task<byte[]> ReadExactlyAsync(this IByteChannel channel, int count)
    {
        using var cts = new CancellationTokenSource(Deadline);
        byte[] result = new byte[count];
        int received = 0;
        while (received < count)
        {
            int n = await channel.ReadAsync(result.AsMemory(received), cts.Token);
            Assert.True(n > 0, $"{channel.Name} reached end of stream after {received} of {count} bytes.");
            received += n;
        }

        return result;
    }

    /// <summary>Asserts nothing arrives within <paramref name="quiet"/>.</summary>
    public static async Task AssertNothingToReadAsync(this IByteChannel channel, TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        byte[] buffer = new byte[64];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            int n = await channel.ReadAsync(buffer, cts.Token);
            Assert.Fail($"expected silence, got {n} bytes: {Convert.ToHexString(buffer, 0, n)}");
        });
    }
}
