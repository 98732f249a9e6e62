namespace Hpms.Protocols.Transports.Channels;

/// <summary>Builds the serial channel that suits the platform, or the one <see cref="SerialLineOptions.Driver"/> forces.</summary>
public static class SerialByteChannelFactory
{
    /// <summary>
    /// Returns an unopened channel. <see cref="SerialDriverKind.Auto"/> means
    /// <see cref="PosixSerialByteChannel"/> on Linux and <see cref="SystemIOPortsSerialByteChannel"/>
    /// elsewhere (macOS has a different termios layout, so it takes the portable path).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="PlatformNotSupportedException">Posix was forced on a platform other than Linux.</exception>
    public static IByteChannel Create(SerialLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        bool usePosix = options.Driver switch
        {
            SerialDriverKind.Posix => true,
            SerialDriverKind.SystemIOPorts => false,
            _ => OperatingSystem.IsLinux(),
        };

        if (!usePosix)
        {
            return new SystemIOPortsSerialByteChannel(options);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Serial driver Posix is only supported on Linux; use Auto or SystemIOPorts.");
        }

        return new PosixSerialByteChannel(options);
    }
}
