using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Hpms.Telemetry.Buffering;

/// <summary>
/// One append-only segment file of a lane, named after its first sequence (<c>00000000000000000042.seg</c>), holding
/// contiguous sequences [<see cref="FirstSequence"/>, <see cref="NextSequence"/>). The handle stays open for the
/// segment's life: the producer appends through it and the consumer reads through it.
/// </summary>
internal sealed class Segment : IDisposable
{
    internal const string Extension = ".seg";

    internal Segment(string path, long firstSequence, SafeFileHandle handle)
    {
        Path = path;
        FirstSequence = firstSequence;
        NextSequence = firstSequence;
        Handle = handle;
    }

    internal string Path { get; }

    internal long FirstSequence { get; }

    /// <summary>Gets or sets one past the last record's sequence.</summary>
    internal long NextSequence { get; set; }

    /// <summary>Gets or sets the bytes of whole, valid records (the file may be longer after a failed write).</summary>
    internal long Length { get; set; }

    internal SafeFileHandle Handle { get; }

    internal long RecordCount => NextSequence - FirstSequence;

    internal static string FileName(long firstSequence) =>
        firstSequence.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    internal static bool TryParseFileName(string fileName, out long firstSequence)
    {
        firstSequence = 0;
        return fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, fileName.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence);
    }

    public void Dispose() => Handle.Dispose();
}
