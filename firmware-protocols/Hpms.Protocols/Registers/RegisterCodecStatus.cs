namespace Hpms.Protocols.Registers;

/// <summary>Outcome of a <see cref="RegisterValueCodec"/> decode or encode; failures never throw.</summary>
public enum RegisterCodecStatus
{
    /// <summary>The value was decoded or encoded.</summary>
    Ok,

    /// <summary>The source or destination span holds fewer registers than the type needs.</summary>
    BufferTooSmall,

    /// <summary>The value does not fit the raw type (after scale and offset) or the engineering range.</summary>
    OutOfRange,

    /// <summary>A float decoded to NaN or infinity (often a sensor fault marker), or NaN/infinity was given for an integer type.</summary>
    NotFinite,

    /// <summary>The format is unusable: bad bit index, string length, zero scale, or an operation the type does not support.</summary>
    InvalidFormat,

    /// <summary>A string to encode contains a character outside printable ASCII.</summary>
    InvalidCharacter,
}
