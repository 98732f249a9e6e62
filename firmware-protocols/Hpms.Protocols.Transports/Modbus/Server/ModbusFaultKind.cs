namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>What a server does wrong on purpose, so clients can be tested against misbehaving devices.</summary>
public enum ModbusFaultKind
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>Answer correctly, but late.</summary>
    Delay,

    /// <summary>Do not answer at all (the client times out).</summary>
    NoResponse,

    /// <summary>Answer with an exception response.</summary>
    ExceptionResponse,

    /// <summary>Answer with a corrupted CRC (RTU) or a truncated frame (TCP).</summary>
    CorruptFrame,

    /// <summary>Close the TCP connection instead of answering.</summary>
    DropConnection,

    /// <summary>Send random bytes before the answer (serial noise).</summary>
    NoiseBeforeResponse,

    /// <summary>Answer as if another unit id were addressed.</summary>
    WrongUnitId,
}
