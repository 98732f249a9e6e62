namespace Hpms.Protocols.Modbus;

/// <summary>Exception codes a server returns in an exception response (Modbus Application Protocol §7).</summary>
public enum ExceptionCode : byte
{
    /// <summary>No exception: the response was normal.</summary>
    None = 0x00,

    /// <summary>01: the function code is not supported by the server.</summary>
    IllegalFunction = 0x01,

    /// <summary>02: the address (or address + quantity) is outside the server's range.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>03: a value in the request is not allowed (e.g. a quantity out of limits).</summary>
    IllegalDataValue = 0x03,

    /// <summary>04: an unrecoverable error occurred while the server performed the action.</summary>
    ServerDeviceFailure = 0x04,

    /// <summary>05: accepted, but it will take long; poll for completion.</summary>
    Acknowledge = 0x05,

    /// <summary>06: the server is busy with a long-running command.</summary>
    ServerDeviceBusy = 0x06,

    /// <summary>07: the server cannot perform the program function (legacy).</summary>
    NegativeAcknowledge = 0x07,

    /// <summary>08: the server detected a parity error in extended memory.</summary>
    MemoryParityError = 0x08,

    /// <summary>0A: a gateway could not allocate a path to the target.</summary>
    GatewayPathUnavailable = 0x0A,

    /// <summary>0B: a gateway got no response from the target device.</summary>
    GatewayTargetDeviceFailedToRespond = 0x0B,
}
