namespace Hpms.Edge.Configuration;

/// <summary>How the gateway reaches a device.</summary>
public enum DeviceTransport
{
    /// <summary>Modbus TCP (MBAP) to host:port.</summary>
    ModbusTcp,

    /// <summary>Modbus RTU on a serial port (devices on the same port share the RS-485 line).</summary>
    ModbusRtu,

    /// <summary>RTU frames over TCP to a serial device server (devices on the same host:port share its line).</summary>
    RtuOverTcp,

    /// <summary>An MQTT-native device that publishes its own reports.</summary>
    Mqtt,
}
