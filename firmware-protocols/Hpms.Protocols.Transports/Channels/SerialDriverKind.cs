namespace Hpms.Protocols.Transports.Channels;

/// <summary>Which serial implementation <see cref="SerialByteChannelFactory"/> builds.</summary>
public enum SerialDriverKind
{
    /// <summary><see cref="Posix"/> on Linux, <see cref="SystemIOPorts"/> elsewhere.</summary>
    Auto = 0,

    /// <summary><see cref="PosixSerialByteChannel"/>: termios + poll on a reader thread (Linux only).</summary>
    Posix = 1,

    /// <summary><see cref="SystemIOPortsSerialByteChannel"/>: portable, slower on Linux.</summary>
    SystemIOPorts = 2,
}
