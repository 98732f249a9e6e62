using System.IO.Ports;

namespace Hpms.Simulators.Scenarios;

/// <summary>How devices are reached.</summary>
public enum EndpointKind
{
    /// <summary>Modbus TCP (MBAP) on a TCP port; each device is a unit id behind it, as behind a gateway.</summary>
    ModbusTcp,

    /// <summary>RTU frames over a TCP connection (a serial device server).</summary>
    RtuOverTcp,

    /// <summary>Modbus RTU on a serial line: a socat pty pair made by the simulator, or a real port.</summary>
    ModbusRtu,

    /// <summary>An MQTT broker MQTT-native devices connect to.</summary>
    Mqtt,
}

/// <summary>One endpoint of a scenario.</summary>
public sealed record EndpointSpec
{
    /// <summary>Gets the id devices and events refer to.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the kind.</summary>
    public required EndpointKind Kind { get; init; }

    /// <summary>Gets the host: the address to listen on (TCP) or the broker (MQTT).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Gets the TCP port (0 = any free port; the manifest tells which).</summary>
    public int Port { get; init; }

    /// <summary>Gets, for a simulated serial line, the path where the client end of the pty pair appears.</summary>
    public string? Pty { get; init; }

    /// <summary>Gets, for a real serial line, the port (e.g. /dev/ttyUSB0).</summary>
    public string? SerialPort { get; init; }

    /// <summary>Gets the line's baud rate.</summary>
    public int BaudRate { get; init; } = 19200;

    /// <summary>Gets the parity (a pty takes only None).</summary>
    public Parity Parity { get; init; } = Parity.None;

    /// <summary>Gets the stop bits.</summary>
    public StopBits StopBits { get; init; } = StopBits.One;

    /// <summary>Gets whether replies are held for the wire time of a real line at <see cref="BaudRate"/>.</summary>
    public bool Paced { get; init; }

    /// <summary>Gets, for MQTT, the username template (<c>{device}</c> is replaced by the device id).</summary>
    public string? Username { get; init; }

    /// <summary>Gets, for MQTT, the environment variable holding the password (never the password itself).</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>Gets the file and entry, for messages.</summary>
    public string Where { get; init; } = string.Empty;

    /// <summary>The MQTT user name of a device: the template with <c>{device}</c> replaced by its id.</summary>
    /// <param name="deviceId">The device.</param>
    /// <returns>The user name, or null when the endpoint names none.</returns>
    public string? UsernameFor(string deviceId) => Username?.Replace("{device}", deviceId, StringComparison.Ordinal);

    /// <summary>
    /// The variable holding a device's MQTT password: <c>{device}</c> in the template becomes the id in upper
    /// case with '_' for other characters (<c>mcab-a-01</c> → <c>MCAB_A_01</c>).
    /// </summary>
    /// <param name="deviceId">The device.</param>
    /// <returns>The variable name, or null when the endpoint names none.</returns>
    public string? PasswordVariableFor(string deviceId) =>
        PasswordEnv?.Replace("{device}", string.Concat(deviceId.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_')), StringComparison.Ordinal);
}
