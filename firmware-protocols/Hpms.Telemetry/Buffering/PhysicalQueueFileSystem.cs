using Microsoft.Win32.SafeHandles;

namespace Hpms.Telemetry.Buffering;

/// <summary>The real file system, through positional reads and writes (pread/pwrite: no seek, no shared position).</summary>
internal sealed class PhysicalQueueFileSystem : IQueueFileSystem
{
    internal static readonly PhysicalQueueFileSystem Instance = new();

    public SafeFileHandle OpenSegment(string path, bool create) =>
        File.OpenHandle(path, create ? FileMode.Create : FileMode.Open, FileAccess.ReadWrite, FileShare.Read);

    public long GetLength(SafeFileHandle handle) => RandomAccess.GetLength(handle);

    public int Read(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> data, long offset) => RandomAccess.Write(handle, data, offset);

    public void FlushToDisk(SafeFileHandle handle) => RandomAccess.FlushToDisk(handle);

    public void SetLength(SafeFileHandle handle, long length) => RandomAccess.SetLength(handle, length);

    public void Delete(string path) => File.Delete(path);

    public void ReplaceAtomically(string path, ReadOnlySpan<byte> contents)
    {
        string temporary = path + ".tmp";
        using (SafeFileHandle handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(handle, contents, 0);
        }

        // rename(2) replaces the target atomically: a reader (or a restart) sees the old cursor or the new one.
        File.Move(temporary, path, overwrite: true);
    }

    public int ReadSmall(string path, Span<byte> buffer)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            return Read(handle, buffer, 0);
        }
        catch (FileNotFoundException)
        {
            return -1;
        }
    }
}
