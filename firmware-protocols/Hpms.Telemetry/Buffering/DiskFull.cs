namespace Hpms.Telemetry.Buffering;

/// <summary>Recognises "no space left" among I/O errors, the one failure that dropping older records can heal.</summary>
internal static class DiskFull
{
    private const int NoSpace = 28; // ENOSPC (Linux, macOS); .NET puts the raw errno in HResult
    private const int QuotaExceeded = 122; // EDQUOT (Linux)
    private const int WindowsHandleDiskFull = 0x27; // ERROR_HANDLE_DISK_FULL
    private const int WindowsDiskFull = 0x70; // ERROR_DISK_FULL

    internal static bool Is(IOException exception)
    {
        int code = exception.HResult & 0xFFFF;
        return OperatingSystem.IsWindows()
            ? code is WindowsHandleDiskFull or WindowsDiskFull
            : code is NoSpace or QuotaExceeded;
    }
}
