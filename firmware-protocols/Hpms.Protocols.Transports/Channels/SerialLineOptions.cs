using System.Globalization;
using System.IO.Ports;

namespace Hpms.Protocols.Transports.Channels;

/// <summary>
/// Settings of one serial line. Defaults are the Modbus serial default 19200 8E1
/// (Modbus over Serial Line V1.02, §2.5.1: even parity is required as the default).
/// </summary>
public sealed class SerialLineOptions
{
    private static readonly int[] s_supportedBaudRates =
        [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];

    /// <summary>Gets the baud rates the drivers accept.</summary>
    public static IReadOnlyList<int> SupportedBaudRates => s_supportedBaudRates;

    /// <summary>Gets or sets the device path (<c>/dev/ttyUSB0</c>) or name (<c>COM3</c>).</summary>
    public string PortName { get; set; } = string.Empty;

    public int BaudRate { get; set; } = 19200;

    public Parity Parity { get; set; } = Parity.Even;

    /// <summary>Gets or sets the data bits; Modbus RTU needs 8.</summary>
    public int DataBits { get; set; } = 8;

    public StopBits StopBits { get; set; } = StopBits.One;

    public SerialDriverKind Driver { get; set; } = SerialDriverKind.Auto;

    /// <summary>Checks the settings; each error names the offending field. Empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(PortName))
        {
            errors.Add("PortName is required (e.g. /dev/ttyUSB0 or COM3).");
        }

        if (Array.IndexOf(s_supportedBaudRates, BaudRate) < 0)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"BaudRate {BaudRate} is not supported; use one of {string.Join(", ", s_supportedBaudRates)}."));
        }

        if (DataBits != 8)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"DataBits {DataBits} is not supported; Modbus RTU uses 8 data bits."));
        }

        bool frameAllowed = (Parity, StopBits) switch
        {
            (Parity.Even, StopBits.One) => true,
            (Parity.Odd, StopBits.One) => true,
            (Parity.None, StopBits.Two) => true,
            (Parity.None, StopBits.One) => true,
            _ => false,
        };
        if (!frameAllowed)
        {
            errors.Add($"Parity {Parity} with StopBits {StopBits} is not supported; use 8E1, 8O1, 8N2 or 8N1.");
        }

        if (!Enum.IsDefined(Driver))
        {
            errors.Add($"Driver {Driver} is not defined; use Auto, Posix or SystemIOPorts.");
        }

        return errors;
    }

    /// <summary>A short form such as <c>/dev/ttyUSB0 19200 8E1</c> for logs.</summary>
    public override string ToString()
    {
        char parity = Parity switch
        {
            Parity.Even => 'E',
            Parity.Odd => 'O',
            Parity.None => 'N',
            Parity.Mark => 'M',
            _ => 'S',
        };
        int stop = StopBits == StopBits.Two ? 2 : 1;
        return string.Create(CultureInfo.InvariantCulture, $"{PortName} {BaudRate} {DataBits}{parity}{stop}");
    }
}
