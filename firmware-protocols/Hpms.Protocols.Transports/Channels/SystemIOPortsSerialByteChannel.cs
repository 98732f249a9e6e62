using System.IO.Ports;

namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// Serial line on <see cref="SerialPort"/>: the portable path (Windows, macOS) and the baseline the
/// Linux <see cref="PosixSerialByteChannel"/> is benchmarked against.
/// </summary>
/// <remarks>
/// <see cref="SerialPort"/> streams do not honour a cancellation token on every platform, so a read
/// runs on its own and the caller only waits for it: a cancelled wait leaves the read in flight and the
/// next <see cref="ReadAsync"/> picks up its bytes, so the line never loses data or breaks.
/// </remarks>
public sealed class SystemIOPortsSerialByteChannel : IByteChannel
{
    private const int ChunkSize = 4096;

    private readonly SerialLineOptions _options;
    private readonly byte[] _chunk = new byte[ChunkSize];
    private SerialPort? _port;
    private Stream? _stream;
    private Task<int>? _inflightRead;
    private int _chunkOffset;
    private int _chunkCount;
    private volatile bool _faulted;

    public SystemIOPortsSerialByteChannel(SerialLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        Name = options.PortName;
    }

    public string Name { get; }

    public bool IsOpen => Volatile.Read(ref _stream) is not null && !_faulted;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_stream is not null)
        {
            if (!_faulted)
            {
                return;
            }

            await CloseAsync().ConfigureAwait(false);
        }

        var port = new SerialPort(_options.PortName, _options.BaudRate, _options.Parity, _options.DataBits, _options.StopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();

            // Bytes received before we opened belong to nobody (a pty even keeps them between opens).
            port.DiscardInBuffer();
            port.DiscardOutBuffer();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            string hint = _options.Parity == Parity.None ? string.Empty : " A pty does not support parity; use 8N1 for pty tests.";
            throw new TransportException(Name, $"cannot open serial port as {_options}: {ex.Message}{hint}", ex);
        }

        _chunkOffset = 0;
        _chunkCount = 0;
        _inflightRead = null;
        _faulted = false;
        _port = port;
        Volatile.Write(ref _stream, port.BaseStream);
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            throw new ArgumentException("The read buffer must not be empty.", nameof(buffer));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_chunkCount > 0)
        {
            return TakeFromChunk(buffer.Span);
        }

        Stream stream = Volatile.Read(ref _stream) ?? throw new TransportException(Name, "channel is not open.", null);
        int count;
        try
        {
            // Deliberately not passed the caller's token: see the class remarks.
            _inflightRead ??= stream.ReadAsync(_chunk, 0, ChunkSize, CancellationToken.None);
            count = await _inflightRead.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or UnauthorizedAccessException or InvalidOperationException)
        {
            _inflightRead = null;
            _faulted = true;
            string reason = Volatile.Read(ref _stream) is null ? "channel was closed while a read was pending." : $"read failed: {ex.Message}";
            throw new TransportException(Name, reason, ex);
        }

        _inflightRead = null;
        if (count == 0)
        {
            _faulted = true;
            throw new TransportException(Name, "serial port reported end of stream.", null);
        }

        _chunkOffset = 0;
        _chunkCount = count;
        return TakeFromChunk(buffer.Span);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        Stream stream = Volatile.Read(ref _stream) ?? throw new TransportException(Name, "channel is not open.", null);
        try
        {
            await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or UnauthorizedAccessException or InvalidOperationException)
        {
            _faulted = true;
            throw new TransportException(Name, $"write failed: {ex.Message}", ex);
        }
    }

    public void DiscardInput()
    {
        _chunkCount = 0;
        if (_inflightRead is { IsCompleted: true })
        {
            _inflightRead = null; // Its bytes arrived before the discard; a faulted read will fault again.
        }

        try
        {
            _port?.DiscardInBuffer();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            throw new TransportException(Name, $"discarding input failed: {ex.Message}", ex);
        }
    }

    public ValueTask CloseAsync()
    {
        SerialPort? port = _port;
        _port = null;
        Volatile.Write(ref _stream, null);
        _chunkCount = 0;
        port?.Dispose();

        // A read abandoned by a cancelled caller now fails with nobody awaiting it; observe it so it
        // does not surface as an unobserved task exception.
        Task<int>? abandoned = _inflightRead;
        _inflightRead = null;
        _ = abandoned?.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private int TakeFromChunk(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, _chunkCount);
        _chunk.AsSpan(_chunkOffset, n).CopyTo(destination);
        _chunkOffset += n;
        _chunkCount -= n;
        return n;
    }
}
