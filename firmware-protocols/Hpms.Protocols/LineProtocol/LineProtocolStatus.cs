namespace Hpms.Protocols.LineProtocol;

/// <summary>Outcome of writing one line-protocol element or line.</summary>
public enum LineProtocolStatus
{
    /// <summary>Written.</summary>
    Ok,

    /// <summary>A float field was NaN or infinite, which line protocol cannot spell: the field was skipped, the line goes on.</summary>
    NonFiniteValue,

    /// <summary>The measurement is empty, starts with <c>_</c> or <c>#</c>, or holds a control character, a backslash or a broken surrogate.</summary>
    InvalidMeasurement,

    /// <summary>A tag key is empty, reserved (<c>_…</c>, <c>time</c>) or holds a forbidden character.</summary>
    InvalidTagKey,

    /// <summary>A tag value holds a control character, a backslash or a broken surrogate.</summary>
    InvalidTagValue,

    /// <summary>A field key is empty, reserved (<c>_…</c>, <c>time</c>) or holds a forbidden character.</summary>
    InvalidFieldKey,

    /// <summary>A string field value holds a newline or a broken surrogate, or is longer than 64 KiB.</summary>
    InvalidFieldValue,

    /// <summary>The line ended without a single field.</summary>
    NoFields,

    /// <summary>The timestamp is outside InfluxDB's range for the precision.</summary>
    TimestampOutOfRange,

    /// <summary>Calls out of order: a tag after a field, or an element before <c>BeginLine</c>.</summary>
    OutOfOrder,
}
