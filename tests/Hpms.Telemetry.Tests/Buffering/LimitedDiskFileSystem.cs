using Hpms.Telemetry.Buffering;
using Microsoft.Win32.SafeHandles;

namespace Hpms.Telemetry.Tests.Buffering;

/// <summary>
/// The real file system with a capacity: a write that would grow the files under <see cref="Root"/> past
/// <see cref="CapacityBytes"/> throws what Linux throws for ENOSPC (IOException, HResult 28) after writing
/// nothing. <see cref="FailAllWritesWith"/> makes every write throw another error.
/// </summary>
internal sealed class LimitedDiskFileSystem(string root, long capacityBytes) : IQueueFileSystem
{
    private const int NoSpace = 28;
    private readonly PhysicalQueueFileSystem _disk = PhysicalQueueFileSystem.Instance;

    public string Root { get; } = root;

    public long CapacityBytes { get; set; } = capacityBytes;

    public IOException? FailAllWritesWith { get; set; }

    public int Flushes { get; private set; }

    public SafeFileHandle OpenSegment(string path, bool create) => _disk.OpenSegment(path, create);

    public long GetLength(SafeFileHandle handle) => _disk.GetLength(handle);

    public int Read(SafeFileHandle handle, Span<byte> buffer, long offset) => _disk.Read(handle, buffer, offset);

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> data, long offset)
    {
        if (FailAllWritesWith is not null)
        {
            throw FailAllWritesWith;
        }

        long growth = Math.Max(0, offset + data.Length - _disk.GetLength(handle));
        if (UsedBytes() + growth > CapacityBytes)
        {
            throw new IOException("No space left on device", NoSpace);
        }

        _disk.Write(handle, data, offset);
    }

    public void FlushToDisk(SafeFileHandle handle)
    {
        Flushes++;
        _disk.FlushToDisk(handle);
    }

    public void SetLength(SafeFileHandle handle, long length) => _disk.SetLength(handle, length);

    public void Delete(string path) => _disk.Delete(path);

    public void ReplaceAtomically(string path, ReadOnlySpan<byte> contents) => _disk.ReplaceAtomically(path, contents);

    public int ReadSmall(string path, Span<byte> buffer) => _disk.ReadSmall(path, buffer);

    public long UsedBytes() =>
        Directory.EnumerateFiles(Root, "*.seg", SearchOption.AllDirectories).Sum(path => new FileInfo(path).Length);
}
