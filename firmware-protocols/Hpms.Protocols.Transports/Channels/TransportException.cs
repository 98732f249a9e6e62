namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// The one exception type a transport throws: socket errors, port-open failures, I/O errors and
/// hang-ups are wrapped in it with a message naming the channel.
/// </summary>
public sealed class TransportException : IOException
{
    public TransportException()
    {
    }

    public TransportException(string message)
        : base(message)
    {
    }

    public TransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public TransportException(string channelName, string message, Exception? innerException)
        : base($"{channelName}: {message}", innerException)
    {
        ChannelName = channelName;
    }

    /// <summary>Gets the <see cref="IByteChannel.Name"/> of the failing channel, when known.</summary>
    public string? ChannelName { get; }
}
