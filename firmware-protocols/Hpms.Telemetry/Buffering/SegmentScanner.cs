namespace Hpms.Telemetry.Buffering;

/// <summary>
/// Recovery's reader: walks a segment record by record, checking length, CRC and that sequences follow on from
/// the file name, and stops at the first record that fails. Reads in chunks; never throws on any file content.
/// </summary>
internal static class SegmentScanner
{
    /// <summary>Scans <paramref name="segment"/>, setting its <see cref="Segment.Length"/> and <see cref="Segment.NextSequence"/> to the valid prefix.</summary>
    /// <param name="fileSystem">The files.</param>
    /// <param name="segment">A segment just opened (length and next sequence not yet known).</param>
    /// <param name="buffer">Scratch space of at least one maximal record.</param>
    /// <param name="maxPayload">The largest valid payload.</param>
    /// <param name="cursor">A sequence whose record's offset is wanted (the acknowledgement cursor).</param>
    /// <param name="cursorOffset">The offset of the record with sequence <paramref name="cursor"/>, or -1.</param>
    /// <returns>True when the whole file is valid records; false when bytes after the valid prefix must be cut.</returns>
    internal static bool Scan(IQueueFileSystem fileSystem, Segment segment, byte[] buffer, int maxPayload, long cursor, out long cursorOffset)
    {
        cursorOffset = -1;
        long fileLength = fileSystem.GetLength(segment.Handle);
        long offset = 0;
        long expected = segment.FirstSequence;
        bool clean = true;
        while (offset < fileLength)
        {
            int read = fileSystem.Read(segment.Handle, buffer, offset);
            bool chunkReachesEnd = offset + read >= fileLength;
            ReadOnlySpan<byte> chunk = buffer.AsSpan(0, read);
            int position = 0;
            while (position < chunk.Length)
            {
                RecordCheck check = RecordFormat.Check(chunk[position..], maxPayload, out int frameLength);
                if (check == RecordCheck.Incomplete && !chunkReachesEnd)
                {
                    break; // the record runs past this chunk: read on from its start
                }

                if (check != RecordCheck.Valid || RecordFormat.Sequence(chunk[position..]) != expected)
                {
                    clean = false;
                    break;
                }

                if (expected == cursor)
                {
                    cursorOffset = offset + position;
                }

                expected++;
                position += frameLength;
            }

            offset += position;
            if (!clean || position == 0)
            {
                clean = offset == fileLength;
                break;
            }
        }

        segment.Length = offset;
        segment.NextSequence = expected;
        if (expected == cursor)
        {
            cursorOffset = offset;
        }

        return clean;
    }
}
