namespace Hpms.Edge.Sensors;

/// <summary>How one SHT3x transaction ended.</summary>
public enum Sht3xStatus
{
    /// <summary>Done, data checked.</summary>
    Ok,

    /// <summary>The bus failed: NACK (sensor absent, busy or still measuring) or another I/O error.</summary>
    BusError,

    /// <summary>A word's CRC-8 did not match: noise on the bus; the value is not used.</summary>
    CrcMismatch,

    /// <summary>Fewer bytes than the reply needs (a codec given a short buffer).</summary>
    ShortFrame,
}
