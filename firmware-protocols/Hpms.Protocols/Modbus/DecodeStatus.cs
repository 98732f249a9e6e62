namespace Hpms.Protocols.Modbus;

/// <summary>
/// Outcome of decoding bytes that came off the wire. Wire input never throws: every decoder
/// returns one of these, and callers count the failures by name.
/// </summary>
public enum DecodeStatus
{
    /// <summary>A complete, valid frame or PDU.</summary>
    Ok,

    /// <summary>More bytes are needed before a verdict is possible.</summary>
    Incomplete,

    /// <summary>The RTU CRC-16 did not match the frame's contents.</summary>
    CrcMismatch,

    /// <summary>The function code is not one this stack understands.</summary>
    UnknownFunction,

    /// <summary>The frame or PDU length disagrees with what its header or function code implies.</summary>
    LengthMismatch,

    /// <summary>A byte count field disagrees with the quantity requested.</summary>
    ByteCountMismatch,

    /// <summary>The response's function code is not the one requested.</summary>
    FunctionMismatch,

    /// <summary>A write response does not echo the address, quantity or value that was written.</summary>
    EchoMismatch,

    /// <summary>The response came from another unit id than the one addressed.</summary>
    UnitMismatch,

    /// <summary>The MBAP protocol identifier is not 0 (Modbus).</summary>
    ProtocolIdMismatch,

    /// <summary>The MBAP transaction identifier is not the one outstanding.</summary>
    TransactionMismatch,

    /// <summary>A field holds a value the spec forbids (e.g. a coil value other than 0x0000/0xFF00).</summary>
    IllegalValue,

    /// <summary>A well-formed exception response (function code | 0x80, then an exception code).</summary>
    ExceptionResponse,
}
