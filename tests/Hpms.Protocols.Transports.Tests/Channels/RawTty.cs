using System.Runtime.Versioning;
using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

/// <summary>A bare descriptor on a tty that never reads: lets a test see bytes queue up in the kernel.</summary>
[SupportedOSPlatform("linux")]
internal sealed class RawTty : IDisposable
{
    private readonly FileDescriptorSafeHandle _fd;

    private RawTty(FileDescriptorSafeHandle fd) => _fd = fd;

    public static RawTty Open(string path)
    {
        int fd = PosixInterop.Open(path, PosixInterop.OpenReadWrite | PosixInterop.OpenNoControllingTty | PosixInterop.OpenNonBlocking);
        Assert.True(fd >= 0, $"open {path} failed");
        return new RawTty(new FileDescriptorSafeHandle(fd));
    }

    public bool WaitReadable(TimeSpan deadline) =>
        PosixInterop.WaitReadable((int)_fd.DangerousGetHandle(), (int)deadline.TotalMilliseconds);

    public void Dispose() => _fd.Dispose();
}
