namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// A bidirectional byte stream (TCP socket or serial line). Knows nothing about Modbus.
/// </summary>
/// <remarks>
/// One reader and one writer may use a channel at the same time; two concurrent reads are a
/// programming error. Every failure surfaces as <see cref="TransportException"/>, except
/// cancellation, which surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public interface IByteChannel : IAsyncDisposable
{
    /// <summary>Gets a short name for logs and metric tags, e.g. <c>tcp://10.0.0.5:502</c> or <c>/dev/ttyUSB0</c>.</summary>
    string Name { get; }

    /// <summary>Gets a value indicating whether the channel is open and has not failed.</summary>
    bool IsOpen { get; }

    /// <summary>Connects or opens the port. Does nothing when already open.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits for data and copies what is available into <paramref name="buffer"/>. Returns at least one
    /// byte, or 0 at end of stream (TCP peer closed). Cancelling the token ends the wait promptly; on a
    /// serial line the channel stays usable for the next read.
    /// </summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="buffer"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Drops received but unread bytes, in the channel and in the driver, to resynchronise a line.</summary>
    void DiscardInput();

    /// <summary>Closes the channel; a pending read ends with <see cref="TransportException"/>. Safe to call twice.</summary>
    ValueTask CloseAsync();
}
