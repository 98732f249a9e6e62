using System.IO.Ports;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Threading.Tasks.Sources;

namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// Serial line on Linux through libc: termios raw mode, and a dedicated reader thread blocked in
/// poll() that hands bytes to a waiting <see cref="ReadAsync"/> the moment they arrive.
/// </summary>
/// <remarks>
/// Why not System.IO.Ports: on Linux its read path adds about 2.3 ms per Modbus transaction, a large
/// share of a 19200-baud request/response. Here a read completes from the reader thread without a
/// timer or polling interval, and a read with data already buffered completes synchronously. Neither
/// path allocates. Continuations run on the thread pool, never on the reader thread, so a caller that
/// closes the channel from its continuation cannot deadlock the reader.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class PosixSerialByteChannel : IByteChannel
{
    private const int ReceiveBufferCapacity = 64 * 1024;
    private const int ScratchSize = 4096;

    // While a write waits for POLLOUT, the token is re-checked at this interval.
    private const int WritePollMilliseconds = 20;

    private readonly SerialLineOptions _options;
    private readonly Lock _lock = new();
    private readonly ByteRingBuffer _received = new(ReceiveBufferCapacity);
    private readonly PendingRead _pendingRead;

    private FileDescriptorSafeHandle? _fd;
    private FileDescriptorSafeHandle? _wake;
    private TaskCompletionSource? _readerExited;
    private string? _faultMessage;
    private bool _readPending;
    private Memory<byte> _readBuffer;
    private int _discardGeneration;

    public PosixSerialByteChannel(SerialLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        Name = options.PortName;
        _pendingRead = new PendingRead(this);
    }

    public string Name { get; }

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _fd is not null && _faultMessage is null;
            }
        }
    }

    /// <summary>Gets the number of received bytes dropped because nobody read 64 KiB in time.</summary>
    public long OverwrittenBytes
    {
        get
        {
            lock (_lock)
            {
                return _received.OverwrittenBytes;
            }
        }
    }

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool faulted;
        lock (_lock)
        {
            if (_fd is not null && _faultMessage is null)
            {
                return;
            }

            faulted = _fd is not null;
        }

        if (faulted)
        {
            await CloseAsync().ConfigureAwait(false);
        }

        OpenCore();
    }

    private void OpenCore()
    {

        int fd = PosixInterop.Open(
            _options.PortName,
            PosixInterop.OpenReadWrite | PosixInterop.OpenNoControllingTty | PosixInterop.OpenNonBlocking | PosixInterop.OpenCloseOnExec);
        if (fd < 0)
        {
            throw Failure($"cannot open serial port: {PosixInterop.Describe(Marshal.GetLastPInvokeError())}");
        }

        var fdHandle = new FileDescriptorSafeHandle(fd);
        FileDescriptorSafeHandle? wakeHandle = null;
        try
        {
            Configure(fd);

            // Only one master per bus: later opens get EBUSY (root is exempt). Best effort.
            _ = PosixInterop.IoCtl(fd, PosixInterop.TiocExcl);

            // Bytes received before we opened belong to nobody (a pty even keeps them between opens).
            _ = PosixInterop.TcFlush(fd, PosixInterop.TcIOFlush);

            int wake = PosixInterop.EventFd(0, PosixInterop.EventFdNonBlocking | PosixInterop.EventFdCloseOnExec);
            if (wake < 0)
            {
                throw Failure($"eventfd failed: {PosixInterop.Describe(Marshal.GetLastPInvokeError())}");
            }

            wakeHandle = new FileDescriptorSafeHandle(wake);
        }
        catch
        {
            wakeHandle?.Dispose();
            fdHandle.Dispose();
            throw;
        }

        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _fd = fdHandle;
            _wake = wakeHandle;
            _readerExited = exited;
            _faultMessage = null;
            _received.Clear();
        }

        var reader = new Thread(() => ReaderLoop(fdHandle, wakeHandle, exited))
        {
            IsBackground = true,
            Name = "hpms-serial-reader",
        };
        reader.Start();
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            throw new ArgumentException("The read buffer must not be empty.", nameof(buffer));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_received.Count > 0)
            {
                return new ValueTask<int>(_received.Read(buffer.Span));
            }

            ThrowIfUnusable();
            if (_readPending)
            {
                throw new InvalidOperationException($"{Name}: a read is already pending; reads must not overlap.");
            }

            _readPending = true;
            _readBuffer = buffer;
            _pendingRead.Reset();
        }

        return _pendingRead.Start(cancellationToken);
    }

    public unsafe ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FileDescriptorSafeHandle fdHandle;
        lock (_lock)
        {
            ThrowIfUnusable();
            fdHandle = _fd!;
        }

        bool added = false;
        try
        {
            fdHandle.DangerousAddRef(ref added);
            int fd = (int)fdHandle.DangerousGetHandle();
            ReadOnlySpan<byte> span = buffer.Span;
            fixed (byte* start = span)
            {
                int written = 0;
                while (written < span.Length)
                {
                    nint n = PosixInterop.Write(fd, start + written, span.Length - written);
                    if (n > 0)
                    {
                        written += (int)n;
                        continue;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (n < 0 && errno == PosixInterop.ErrorInterrupted)
                    {
                        continue;
                    }

                    if (n < 0 && errno != PosixInterop.ErrorTryAgain)
                    {
                        throw Failure($"write failed: {PosixInterop.Describe(errno)}");
                    }

                    WaitWritable(fd, cancellationToken);
                }
            }
        }
        catch (ObjectDisposedException ex)
        {
            throw new TransportException(Name, "channel was closed during a write.", ex);
        }
        finally
        {
            if (added)
            {
                fdHandle.DangerousRelease();
            }
        }

        return ValueTask.CompletedTask;
    }

    public void DiscardInput()
    {
        FileDescriptorSafeHandle? fdHandle;
        lock (_lock)
        {
            fdHandle = _fd;
        }

        if (fdHandle is not null)
        {
            bool added = false;
            try
            {
                fdHandle.DangerousAddRef(ref added);
                _ = PosixInterop.TcFlush((int)fdHandle.DangerousGetHandle(), PosixInterop.TcIFlush);
            }
            catch (ObjectDisposedException)
            {
                // Closed concurrently: nothing left to discard.
            }
            finally
            {
                if (added)
                {
                    fdHandle.DangerousRelease();
                }
            }
        }

        // After the kernel flush, so bytes the reader thread picked up before it are dropped too
        // (the reader drops a chunk whose read straddled a generation change).
        lock (_lock)
        {
            _discardGeneration++;
            _received.Clear();
        }
    }

    public async ValueTask CloseAsync()
    {
        FileDescriptorSafeHandle? fdHandle;
        FileDescriptorSafeHandle? wakeHandle;
        TaskCompletionSource? exited;
        lock (_lock)
        {
            fdHandle = _fd;
            wakeHandle = _wake;
            exited = _readerExited;
            _fd = null;
            _wake = null;
            _readerExited = null;
            _received.Clear();
        }

        if (fdHandle is null)
        {
            return;
        }

        FailPendingRead(new TransportException(Name, "channel was closed while a read was pending.", null));
        SignalWake(wakeHandle!);
        await exited!.Task.ConfigureAwait(false);

        bool added = false;
        try
        {
            fdHandle.DangerousAddRef(ref added);
            _ = PosixInterop.IoCtl((int)fdHandle.DangerousGetHandle(), PosixInterop.TiocNxcl);
        }
        finally
        {
            if (added)
            {
                fdHandle.DangerousRelease();
            }
        }

        fdHandle.Dispose();
        wakeHandle!.Dispose();
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private static unsafe void SignalWake(FileDescriptorSafeHandle wakeHandle)
    {
        ulong one = 1;
        bool added = false;
        try
        {
            wakeHandle.DangerousAddRef(ref added);
            _ = PosixInterop.Write((int)wakeHandle.DangerousGetHandle(), (byte*)&one, sizeof(ulong));
        }
        finally
        {
            if (added)
            {
                wakeHandle.DangerousRelease();
            }
        }
    }

    private unsafe void WaitWritable(int fd, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PosixInterop.PollFd pollFd = new() { Fd = fd, Events = PosixInterop.PollOut };
            int rc = PosixInterop.Poll(&pollFd, 1, WritePollMilliseconds);
            if (rc > 0)
            {
                if ((pollFd.REvents & (PosixInterop.PollErr | PosixInterop.PollHup | PosixInterop.PollNval)) != 0)
                {
                    throw Failure("line hung up or failed during a write.");
                }

                return;
            }

            if (rc < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != PosixInterop.ErrorInterrupted)
                {
                    throw Failure($"poll failed during a write: {PosixInterop.Describe(errno)}");
                }
            }
        }
    }

    private unsafe void Configure(int fd)
    {
        PosixInterop.Termios termios;
        if (PosixInterop.TcGetAttr(fd, &termios) != 0)
        {
            throw Failure($"not a serial device (tcgetattr failed: {PosixInterop.Describe(Marshal.GetLastPInvokeError())}).");
        }

        PosixInterop.CfMakeRaw(&termios);
        _ = PosixInterop.TryGetSpeedConstant(_options.BaudRate, out uint speed);
        _ = PosixInterop.CfSetISpeed(&termios, speed);
        _ = PosixInterop.CfSetOSpeed(&termios, speed);

        uint cflag = termios.CFlag & ~(PosixInterop.CSize | PosixInterop.ParEnb | PosixInterop.ParOdd | PosixInterop.CStopB | PosixInterop.CRtsCts);
        cflag |= PosixInterop.CS8 | PosixInterop.CRead | PosixInterop.CLocal;
        if (_options.Parity == Parity.Even)
        {
            cflag |= PosixInterop.ParEnb;
        }
        else if (_options.Parity == Parity.Odd)
        {
            cflag |= PosixInterop.ParEnb | PosixInterop.ParOdd;
        }

        if (_options.StopBits == StopBits.Two)
        {
            cflag |= PosixInterop.CStopB;
        }

        termios.CFlag = cflag;

        // Non-blocking reads: poll() does the waiting, read() takes whatever is there.
        termios.ControlChars[PosixInterop.VMin] = 0;
        termios.ControlChars[PosixInterop.VTime] = 0;

        if (PosixInterop.TcSetAttr(fd, PosixInterop.TcsaNow, &termios) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw Failure($"cannot apply {_options} (tcsetattr failed: {PosixInterop.Describe(errno)}){PtyHint()}");
        }

        // tcsetattr succeeds if any one change was applied (termios(3)), so read back what matters.
        PosixInterop.Termios applied;
        if (PosixInterop.TcGetAttr(fd, &applied) == 0)
        {
            uint mask = PosixInterop.CSize | PosixInterop.ParEnb | PosixInterop.ParOdd | PosixInterop.CStopB;
            if ((applied.CFlag & mask) != (cflag & mask))
            {
                throw Failure($"the driver did not accept {_options} (parity, stop or data bits were changed){PtyHint()}");
            }
        }
    }

    private string PtyHint() =>
        _options.Parity == Parity.None
            ? "."
            : "; a pty does not support parity, use 8N1 for pty tests.";

    private unsafe void ReaderLoop(FileDescriptorSafeHandle fdHandle, FileDescriptorSafeHandle wakeHandle, TaskCompletionSource exited)
    {
        bool fdAdded = false;
        bool wakeAdded = false;
        byte[] scratch = new byte[ScratchSize];
        try
        {
            fdHandle.DangerousAddRef(ref fdAdded);
            wakeHandle.DangerousAddRef(ref wakeAdded);
            int fd = (int)fdHandle.DangerousGetHandle();
            int wake = (int)wakeHandle.DangerousGetHandle();
            PosixInterop.PollFd* fds = stackalloc PosixInterop.PollFd[2];
            fixed (byte* scratchPointer = scratch)
            {
                while (true)
                {
                    fds[0] = new PosixInterop.PollFd { Fd = fd, Events = PosixInterop.PollIn };
                    fds[1] = new PosixInterop.PollFd { Fd = wake, Events = PosixInterop.PollIn };
                    if (PosixInterop.Poll(fds, 2, -1) < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == PosixInterop.ErrorInterrupted)
                        {
                            continue;
                        }

                        Fault($"poll failed: {PosixInterop.Describe(errno)}");
                        return;
                    }

                    if (fds[1].REvents != 0)
                    {
                        return; // CloseAsync woke us.
                    }

                    short events = fds[0].REvents;
                    if ((events & PosixInterop.PollIn) != 0)
                    {
                        int generation = Volatile.Read(ref _discardGeneration);
                        nint n = PosixInterop.Read(fd, scratchPointer, ScratchSize);
                        if (n > 0)
                        {
                            Deliver(new ReadOnlySpan<byte>(scratchPointer, (int)n), generation);
                            continue;
                        }

                        if (n < 0)
                        {
                            int errno = Marshal.GetLastPInvokeError();
                            if (errno is PosixInterop.ErrorInterrupted or PosixInterop.ErrorTryAgain)
                            {
                                continue;
                            }

                            Fault($"read failed: {PosixInterop.Describe(errno)}");
                            return;
                        }

                        // Readable but 0 bytes with VMIN=0: the line hung up. Stop rather than spin.
                        Fault("line hung up (read returned end of file).");
                        return;
                    }

                    if ((events & (PosixInterop.PollErr | PosixInterop.PollHup | PosixInterop.PollNval)) != 0)
                    {
                        Fault("line hung up or failed (poll reported an error).");
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Last resort on a thread nobody awaits: turn it into a channel fault instead of a crash.
            Fault($"reader thread failed: {ex.Message}");
        }
        finally
        {
            if (wakeAdded)
            {
                wakeHandle.DangerousRelease();
            }

            if (fdAdded)
            {
                fdHandle.DangerousRelease();
            }

            exited.TrySetResult();
        }
    }

    private void Deliver(ReadOnlySpan<byte> data, int generation)
    {
        int completed = -1;
        lock (_lock)
        {
            if (generation != _discardGeneration)
            {
                return; // Read before or during DiscardInput: stale.
            }

            if (_readPending)
            {
                completed = Math.Min(data.Length, _readBuffer.Length);
                data[..completed].CopyTo(_readBuffer.Span);
                data = data[completed..];
                _readPending = false;
                _readBuffer = default;
            }

            if (!data.IsEmpty)
            {
                _received.Write(data);
            }
        }

        if (completed >= 0)
        {
            _pendingRead.SetResult(completed);
        }
    }

    private void Fault(string message)
    {
        lock (_lock)
        {
            if (_fd is null)
            {
                return; // Closing: CloseAsync already failed the pending read.
            }

            _faultMessage = message;
        }

        FailPendingRead(new TransportException(Name, message, null));
    }

    private void FailPendingRead(Exception exception)
    {
        lock (_lock)
        {
            if (!_readPending)
            {
                return;
            }

            _readPending = false;
            _readBuffer = default;
        }

        _pendingRead.SetException(exception);
    }

    private bool TryCancelPendingRead()
    {
        lock (_lock)
        {
            if (!_readPending)
            {
                return false;
            }

            _readPending = false;
            _readBuffer = default;
            return true;
        }
    }

    private void ThrowIfUnusable()
    {
        if (_fd is null)
        {
            throw new TransportException(Name, "channel is not open.", null);
        }

        if (_faultMessage is not null)
        {
            throw new TransportException(Name, _faultMessage, null);
        }
    }

    private TransportException Failure(string message) => new(Name, message, null);

    /// <summary>The one reusable completion source behind a read that has to wait.</summary>
    private sealed class PendingRead : IValueTaskSource<int>
    {
        private static readonly Action<object?, CancellationToken> s_onCancel = static (state, token) =>
        {
            var self = (PendingRead)state!;
            if (self._owner.TryCancelPendingRead())
            {
                self._core.SetException(new OperationCanceledException(token));
            }
        };

        private readonly PosixSerialByteChannel _owner;
        private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = true };
        private CancellationTokenRegistration _registration;

        public PendingRead(PosixSerialByteChannel owner) => _owner = owner;

        public void Reset() => _core.Reset();

        public ValueTask<int> Start(CancellationToken cancellationToken)
        {
            short version = _core.Version;
            _registration = cancellationToken.UnsafeRegister(s_onCancel, this);
            return new ValueTask<int>(this, version);
        }

        public void SetResult(int count) => _core.SetResult(count);

        public void SetException(Exception exception) => _core.SetException(exception);

        public int GetResult(short token)
        {
            try
            {
                return _core.GetResult(token);
            }
            finally
            {
                _registration.Dispose();
                _registration = default;
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
