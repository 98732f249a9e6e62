using System.Buffers.Binary;

namespace Hpms.Telemetry.Buffering;

/// <summary>
/// A lane's acknowledgement cursor: the next sequence to deliver. 16 bytes (sequence, CRC-32C of it, magic),
/// replaced atomically by rename, so a crash leaves the old or the new value, never a mix. Not flushed to disk:
/// after a power loss an older cursor only re-delivers records (at least once), it never loses any.
/// </summary>
internal static class CursorFile
{
    internal const string FileName = "cursor";
    private const uint Magic = 0x48_43_55_52; // "HCUR"
    private const int Size = 16;

    internal static long? Read(IQueueFileSystem fileSystem, string path)
    {
        Span<byte> buffer = stackalloc byte[Size + 1];
        int read = fileSystem.ReadSmall(path, buffer);
        if (read != Size
            || BinaryPrimitives.ReadUInt32LittleEndian(buffer[12..]) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(buffer[8..]) != RecordFormat.Crc32C(buffer[..8]))
        {
            return null;
        }

        long sequence = BinaryPrimitives.ReadInt64LittleEndian(buffer);
        return sequence >= 0 ? sequence : null;
    }

    internal static void Write(IQueueFileSystem fileSystem, string path, long nextSequence)
    {
        Span<byte> buffer = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, nextSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], RecordFormat.Crc32C(buffer[..8]));
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[12..], Magic);
        fileSystem.ReplaceAtomically(path, buffer);
    }
}
