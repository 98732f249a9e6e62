using System.IO.Ports;

namespace Hpms.Edge.Configuration;

/// <summary>One device the gateway reads (configuration section <c>Gateway:Devices:N</c>).</summary>
public sealed class DeviceOptions
{
    /// <summary>Gets or sets the device id, unique within the site.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the register map: a device class in the maps folder (e.g. <c>cold-chain-fridge</c>) or a path to a site's own <c>.json</c>.</summary>
    public string Map { get; set; } = string.Empty;

    /// <summary>Gets or sets the transport.</summary>
    public DeviceTransport Transport { get; set; } = DeviceTransport.ModbusTcp;

    /// <summary>Gets or sets the host (Modbus TCP, RTU over TCP).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the TCP port.</summary>
    public int Port { get; set; } = 502;

    /// <summary>Gets or sets the serial port (Modbus RTU), e.g. <c>/dev/ttyUSB0</c>.</summary>
    public string SerialPort { get; set; } = string.Empty;

    /// <summary>Gets or sets the baud rate of the line.</summary>
    public int BaudRate { get; set; } = 19200;

    /// <summary>Gets or sets the parity (Modbus default Even; a pty takes only None).</summary>
    public Parity Parity { get; set; } = Parity.Even;

    /// <summary>Gets or sets the stop bits.</summary>
    public StopBits StopBits { get; set; } = StopBits.One;

    /// <summary>Gets or sets the Modbus unit id (default: the map's).</summary>
    public byte? UnitId { get; set; }

    /// <summary>Gets or sets how often the device is read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many times a request is retried after a timeout or a corrupt reply.</summary>
    public int Retries { get; set; } = 1;

    /// <summary>Gets or sets the building tag.</summary>
    public string Building { get; set; } = string.Empty;

    /// <summary>Gets or sets the zone tag.</summary>
    public string Zone { get; set; } = string.Empty;
}
