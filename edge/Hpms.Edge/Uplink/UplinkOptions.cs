using System.Globalization;
using Hpms.Edge.Uplink.IotHub;
using Hpms.Telemetry.Influx;

namespace Hpms.Edge.Uplink;

/// <summary>Where readings and events go and how they are buffered (configuration section <c>Uplink</c>).</summary>
public sealed class UplinkOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Uplink";

    /// <summary>Gets or sets the folder of the durable buffers (one sub-folder per sink) and the rule state.</summary>
    public string StateDirectory { get; set; } = "state";

    /// <summary>Gets or sets the most bytes each sink's buffer may take on disk (oldest telemetry dropped first).</summary>
    public long BufferMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Gets the MQTT sink.</summary>
    public MqttUplinkOptions Mqtt { get; } = new();

    /// <summary>Gets or sets whether the InfluxDB sink runs.</summary>
    public bool InfluxEnabled { get; set; }

    /// <summary>Gets the InfluxDB sink.</summary>
    public InfluxWriterOptions Influx { get; } = new();

    /// <summary>Gets the Azure IoT Hub sink (off by default).</summary>
    public IotHubUplinkOptions IotHub { get; } = new();

    /// <summary>Checks the options; messages name their keys.</summary>
    /// <returns>Problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            errors.Add("Uplink:StateDirectory: is required.");
        }

        if (BufferMaxBytes < 1024 * 1024)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Uplink:BufferMaxBytes: {BufferMaxBytes} is below 1 MiB."));
        }

        if (Mqtt.Enabled)
        {
            if (string.IsNullOrWhiteSpace(Mqtt.Host))
            {
                errors.Add("Uplink:Mqtt:Host: is required.");
            }

            if (Mqtt.Port is < 1 or > 65535)
            {
                errors.Add("Uplink:Mqtt:Port: must be 1..65535.");
            }

            if (!string.IsNullOrEmpty(Mqtt.PasswordEnv) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Mqtt.PasswordEnv)))
            {
                errors.Add($"Uplink:Mqtt:PasswordEnv: environment variable {Mqtt.PasswordEnv} is not set (the broker refuses anonymous gateways; set PasswordEnv to \"\" only for a development broker).");
            }

            if (Mqtt.CaFile.Length > 0 && (!Mqtt.UseTls || !File.Exists(Mqtt.CaFile)))
            {
                errors.Add($"Uplink:Mqtt:CaFile: '{Mqtt.CaFile}' must exist and needs Uplink:Mqtt:UseTls true.");
            }
        }

        if (InfluxEnabled)
        {
            errors.AddRange(Influx.Validate("Uplink:Influx"));
        }

        errors.AddRange(IotHub.Validate("Uplink:IotHub"));
        return errors;
    }
}
