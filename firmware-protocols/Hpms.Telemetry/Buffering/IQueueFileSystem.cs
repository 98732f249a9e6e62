using Microsoft.Win32.SafeHandles;

namespace Hpms.Telemetry.Buffering;

/// <summary>
/// The file operations of a <see cref="DurableQueue"/>: a seam so that tests can make writes fail the way a
/// full disk does (IOException with ENOSPC), which a real file system cannot be made to do on demand here.
/// </summary>
internal interface IQueueFileSystem
{
    /// <summary>Opens a segment for reading and writing; <paramref name="create"/> creates or truncates it.</summary>
    SafeFileHandle OpenSegment(string path, bool create);

    /// <summary>Gets the file's length.</summary>
    long GetLength(SafeFileHandle handle);

    /// <summary>Reads at an offset; returns the bytes read (fewer at the end of the file).</summary>
    int Read(SafeFileHandle handle, Span<byte> buffer, long offset);

    /// <summary>Writes all of <paramref name="data"/> at an offset.</summary>
    void Write(SafeFileHandle handle, ReadOnlySpan<byte> data, long offset);

    /// <summary>Flushes the file's data to the disk (fsync).</summary>
    void FlushToDisk(SafeFileHandle handle);

    /// <summary>Cuts the file at a length.</summary>
    void SetLength(SafeFileHandle handle, long length);

    /// <summary>Deletes a file (no error if it is gone).</summary>
    void Delete(string path);

    /// <summary>Replaces a small file atomically: writes a temporary file, then renames it over the target.</summary>
    void ReplaceAtomically(string path, ReadOnlySpan<byte> contents);

    /// <summary>Reads a small file whole into <paramref name="buffer"/>; returns the bytes read, or -1 when it does not exist.</summary>
    int ReadSmall(string path, Span<byte> buffer);
}
