namespace Hpms.Telemetry.Buffering;

/// <summary>What <see cref="RecordFormat.Check"/> found at a position in a segment.</summary>
internal enum RecordCheck
{
    /// <summary>A whole record with a matching CRC.</summary>
    Valid,

    /// <summary>The bytes end inside the record (a torn write, when at the end of the file).</summary>
    Incomplete,

    /// <summary>An impossible length or a CRC mismatch.</summary>
    Corrupt,
}
