using System.Globalization;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Transports.Channels;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Configuration;

/// <summary>
/// Checks the gateway configuration at start-up; every problem names its configuration key
/// (e.g. <c>Gateway:Devices:3:Port</c>) so a commissioning engineer can find it in appsettings.json.
/// Register maps are loaded here too, so a broken map file stops the start with its own file and entry.
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [];
        Check(errors, TopicScheme.IsValidLevel(options.Site), "Gateway:Site", "must be a non-empty id without '/', '+' or '#'.");
        Check(errors, TopicScheme.IsValidLevel(options.Id), "Gateway:Id", "must be a non-empty id without '/', '+' or '#'.");
        Check(errors, options.StaleAfterIntervals is >= 1 and <= 1000, "Gateway:StaleAfterIntervals", "must be 1..1000.");
        Check(errors, options.MaxBackoff >= TimeSpan.FromSeconds(1), "Gateway:MaxBackoff", "must be at least 00:00:01.");
        Check(errors, options.Devices.Count > 0, "Gateway:Devices", "lists no devices.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var units = new HashSet<(string Line, byte Unit)>();
        for (int i = 0; i < options.Devices.Count; i++)
        {
            DeviceOptions d = options.Devices[i];
            string key = string.Create(CultureInfo.InvariantCulture, $"Gateway:Devices:{i}");
            Check(errors, TopicScheme.IsValidLevel(d.Id), $"{key}:Id", "must be a non-empty id without '/', '+' or '#'.");
            Check(errors, !TopicScheme.IsValidLevel(d.Id) || ids.Add(d.Id), $"{key}:Id", $"'{d.Id}' is used by another device.");
            Check(errors, d.PollInterval >= TimeSpan.FromMilliseconds(100) && d.PollInterval <= TimeSpan.FromDays(1), $"{key}:PollInterval", "must be 00:00:00.1 .. 1.00:00:00.");
            Check(errors, d.Timeout >= TimeSpan.FromMilliseconds(10) && d.Timeout <= TimeSpan.FromSeconds(60), $"{key}:Timeout", "must be 00:00:00.01 .. 00:01:00.");
            Check(errors, d.Retries is >= 0 and <= 10, $"{key}:Retries", "must be 0..10.");
            switch (d.Transport)
            {
                case DeviceTransport.ModbusTcp or DeviceTransport.RtuOverTcp:
                    Check(errors, !string.IsNullOrWhiteSpace(d.Host), $"{key}:Host", "is required for " + d.Transport + ".");
                    Check(errors, d.Port is >= 1 and <= 65535, $"{key}:Port", "must be 1..65535.");
                    break;
                case DeviceTransport.ModbusRtu:
                    Check(errors, !string.IsNullOrWhiteSpace(d.SerialPort), $"{key}:SerialPort", "is required for ModbusRtu.");
                    var line = new SerialLineOptions { PortName = d.SerialPort, BaudRate = d.BaudRate, Parity = d.Parity, StopBits = d.StopBits };
                    foreach (string problem in line.Validate())
                    {
                        errors.Add($"{key}: {problem}");
                    }

                    break;
                case DeviceTransport.Mqtt:
                    break;
                default:
                    errors.Add($"{key}:Transport: '{d.Transport}' is not ModbusTcp, ModbusRtu, RtuOverTcp or Mqtt.");
                    break;
            }

            if (d.Transport != DeviceTransport.Mqtt)
            {
                CheckMap(errors, key, d, options.MapsDirectory, units);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Where a device's map file is.</summary>
    /// <param name="device">The device.</param>
    /// <param name="mapsDirectory">The maps folder.</param>
    /// <returns>The map file path.</returns>
    public static string MapPath(DeviceOptions device, string mapsDirectory)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Map.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFullPath(device.Map)
            : Path.Combine(mapsDirectory, device.Map + ".json");
    }

    /// <summary>The line a Modbus device is on: devices on the same line share one master, one request at a time.</summary>
    /// <param name="device">The device.</param>
    /// <returns>A line key.</returns>
    public static string LineKey(DeviceOptions device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Transport switch
        {
            DeviceTransport.ModbusRtu => "rtu:" + device.SerialPort,
            DeviceTransport.RtuOverTcp => string.Create(CultureInfo.InvariantCulture, $"rtu-tcp:{device.Host}:{device.Port}"),
            _ => "tcp-device:" + device.Id, // each Modbus TCP device gets its own connection, polled concurrently
        };
    }

    private static void CheckMap(List<string> errors, string key, DeviceOptions d, string mapsDirectory, HashSet<(string, byte)> units)
    {
        if (string.IsNullOrWhiteSpace(d.Map))
        {
            errors.Add($"{key}:Map: is required (a device class such as cold-chain-fridge, or a path to a .json map).");
            return;
        }

        string path = MapPath(d, mapsDirectory);
        try
        {
            RegisterMap map = RegisterMapLoader.LoadFile(path);
            byte unit = d.UnitId ?? map.DefaultUnitId;
            Check(errors, unit is >= 1 and <= 247, $"{key}:UnitId", "must be 1..247.");
            Check(errors, d.Transport == DeviceTransport.ModbusTcp || units.Add((LineKey(d), unit)), $"{key}:UnitId", string.Create(CultureInfo.InvariantCulture, $"unit {unit} is already used on the same line."));
        }
        catch (RegisterMapException ex)
        {
            errors.Add($"{key}:Map: {path} is invalid:");
            errors.AddRange(ex.Errors.Select(e => "  " + e));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{key}:Map: cannot read {path}: {ex.Message}");
        }
    }

    private static void Check(List<string> errors, bool ok, string key, string problem)
    {
        if (!ok)
        {
            errors.Add($"{key}: {problem}");
        }
    }
}
