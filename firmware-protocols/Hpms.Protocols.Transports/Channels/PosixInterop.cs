using System.Runtime.InteropServices;

namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// libc calls and constants for the Linux serial path. Values are Linux (glibc and musl, x86_64 and
/// arm64) as printed by a C program from &lt;fcntl.h&gt;, &lt;termios.h&gt;, &lt;poll.h&gt;, &lt;sys/ioctl.h&gt;.
/// They differ on macOS and BSD, which therefore use System.IO.Ports.
/// </summary>
internal static unsafe partial class PosixInterop
{
    private const string LibC = "libc";

    // open(2) flags: O_RDWR, O_NOCTTY, O_NONBLOCK, O_CLOEXEC.
    internal const int OpenReadWrite = 0x2;
    internal const int OpenNoControllingTty = 0x100;
    internal const int OpenNonBlocking = 0x800;
    internal const int OpenCloseOnExec = 0x80000;

    // eventfd(2) flags: EFD_NONBLOCK, EFD_CLOEXEC.
    internal const int EventFdNonBlocking = 0x800;
    internal const int EventFdCloseOnExec = 0x80000;

    // termios c_cflag bits.
    internal const uint CSize = 0x30;
    internal const uint CS8 = 0x30;
    internal const uint CStopB = 0x40;
    internal const uint CRead = 0x80;
    internal const uint ParEnb = 0x100;
    internal const uint ParOdd = 0x200;
    internal const uint CLocal = 0x800;
    internal const uint CRtsCts = 0x80000000;

    // c_cc indices.
    internal const int VTime = 5;
    internal const int VMin = 6;

    internal const int TcsaNow = 0;
    internal const int TcIFlush = 0;
    internal const int TcIOFlush = 2;

    internal const nuint TiocExcl = 0x540C;
    internal const nuint TiocNxcl = 0x540D;

    internal const short PollIn = 0x1;
    internal const short PollOut = 0x4;
    internal const short PollErr = 0x8;
    internal const short PollHup = 0x10;
    internal const short PollNval = 0x20;

    internal const int ErrorInterrupted = 4; // EINTR
    internal const int ErrorTryAgain = 11; // EAGAIN

    /// <summary>struct termios: 60 bytes, c_cc at offset 17, c_ispeed at 52 (checked by a test).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Termios
    {
        public uint IFlag;
        public uint OFlag;
        public uint CFlag;
        public uint LFlag;
        public byte Line;
        public fixed byte ControlChars[32];
        public uint ISpeed;
        public uint OSpeed;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport(LibC, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(LibC, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(LibC, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);

    [LibraryImport(LibC, EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int TcGetAttr(int fd, Termios* termios);

    [LibraryImport(LibC, EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int TcSetAttr(int fd, int optionalActions, Termios* termios);

    [LibraryImport(LibC, EntryPoint = "cfmakeraw")]
    internal static partial void CfMakeRaw(Termios* termios);

    [LibraryImport(LibC, EntryPoint = "cfsetispeed", SetLastError = true)]
    internal static partial int CfSetISpeed(Termios* termios, uint speed);

    [LibraryImport(LibC, EntryPoint = "cfsetospeed", SetLastError = true)]
    internal static partial int CfSetOSpeed(Termios* termios, uint speed);

    [LibraryImport(LibC, EntryPoint = "tcflush", SetLastError = true)]
    internal static partial int TcFlush(int fd, int queueSelector);

    // ioctl is variadic; the requests used here take no argument, which the x86_64 and arm64 Linux
    // calling conventions pass exactly like a fixed-argument call.
    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoCtl(int fd, nuint request);

    /// <summary>Maps a baud rate to its termios Bxxxx constant, or returns false.</summary>
    internal static bool TryGetSpeedConstant(int baudRate, out uint speed)
    {
        speed = baudRate switch
        {
            1200 => 0x9, // B1200
            2400 => 0xB,
            4800 => 0xC,
            9600 => 0xD,
            19200 => 0xE,
            38400 => 0xF,
            57600 => 0x1001,
            115200 => 0x1002,
            230400 => 0x1003,
            460800 => 0x1004,
            921600 => 0x1007,
            _ => 0,
        };
        return speed != 0;
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for <paramref name="fd"/> to become readable.</summary>
    internal static bool WaitReadable(int fd, int timeoutMilliseconds)
    {
        PollFd pollFd = new() { Fd = fd, Events = PollIn };
        return Poll(&pollFd, 1, timeoutMilliseconds) == 1 && (pollFd.REvents & PollIn) != 0;
    }

    /// <summary>The text of errno, e.g. "No such file or directory (errno 2)".</summary>
    internal static string Describe(int errno) =>
        $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
