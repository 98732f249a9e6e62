namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>How a TCP server frames Modbus.</summary>
public enum ModbusTcpFraming
{
    /// <summary>Modbus TCP: MBAP header, no CRC.</summary>
    Mbap,

    /// <summary>RTU frames (with CRC) carried over TCP, as serial device servers do.</summary>
    RtuOverTcp,
}
