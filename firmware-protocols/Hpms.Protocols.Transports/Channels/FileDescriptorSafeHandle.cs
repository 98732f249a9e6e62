using System.Runtime.InteropServices;

namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// Owns a POSIX file descriptor. Reference counting keeps the number from being closed and reused
/// while a write or the reader thread still uses it.
/// </summary>
internal sealed class FileDescriptorSafeHandle : SafeHandle
{
    public FileDescriptorSafeHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => PosixInterop.Close((int)handle) == 0;
}
