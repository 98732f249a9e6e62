namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>Settings of a Modbus server (TCP, RTU on a line, or RTU over TCP).</summary>
public sealed class ModbusServerOptions
{
    /// <summary>Gets or sets the most TCP clients served at once; later ones are refused.</summary>
    public int MaxConnections { get; set; } = 32;

    /// <summary>
    /// Gets or sets a baud rate whose wire time an RTU server imitates: each reply is held back
    /// for the time the request and the reply would take on a real line, plus t3.5. Null answers
    /// at once (a pty or a TCP link has no wire time of its own).
    /// </summary>
    public int? SimulatedBaudRate { get; set; }

    /// <summary>Gets or sets the baud rate used to time inter-frame silence when reading RTU frames.</summary>
    public int BaudRate { get; set; } = 19200;

    /// <summary>Gets or sets how long an idle TCP connection is kept.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
