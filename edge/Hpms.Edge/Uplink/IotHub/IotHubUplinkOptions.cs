using System.Globalization;
using Hpms.Protocols.AzureIotHub;
using Hpms.Protocols.MqttDevices;

namespace Hpms.Edge.Uplink.IotHub;

/// <summary>The Azure IoT Hub uplink (configuration section <c>Uplink:IotHub</c>): the gateway is one IoT Hub device.</summary>
public sealed class IotHubUplinkOptions
{
    /// <summary>Gets or sets whether the IoT Hub sink runs (its own durable buffer, <c>buffer-iothub</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the hub's full host name, e.g. <c>myhub.azure-devices.net</c>.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the IoT Hub device id of this gateway.</summary>
    public string DeviceId { get; set; } = string.Empty;

    /// <summary>Gets or sets the environment variable holding the device's symmetric key (base64, never in the file).</summary>
    public string KeyEnv { get; set; } = "HPMS_EDGE_IOTHUB_KEY";

    /// <summary>Gets or sets how long each SAS token is valid; a new one is made after 80 % of it.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the port (8883 = MQTT over TLS, as the hub requires).</summary>
    public int Port { get; set; } = 8883;

    /// <summary>Gets or sets whether to use TLS (off only for a local stand-in broker).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Gets or sets the connect and publish timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the options when enabled; messages name their keys.</summary>
    /// <param name="prefix">The section path, e.g. <c>Uplink:IotHub</c>.</param>
    /// <returns>Problems.</returns>
    public IReadOnlyList<string> Validate(string prefix)
    {
        List<string> errors = [];
        if (!Enabled)
        {
            return errors;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add($"{prefix}:Host: is required (the hub's host name, e.g. myhub.azure-devices.net).");
        }

        if (!CabinetTopics.IsValidDeviceId(DeviceId))
        {
            errors.Add($"{prefix}:DeviceId: '{DeviceId}' must be 1..64 of [A-Za-z0-9._-] (it is a topic level).");
        }

        string? key = string.IsNullOrEmpty(KeyEnv) ? null : Environment.GetEnvironmentVariable(KeyEnv);
        if (string.IsNullOrEmpty(KeyEnv) || string.IsNullOrEmpty(key))
        {
            errors.Add($"{prefix}:KeyEnv: environment variable '{KeyEnv}' holding the device key is not set.");
        }
        else if (!IotHubSasToken.IsValidKey(key))
        {
            errors.Add($"{prefix}:KeyEnv: the value of {KeyEnv} is not a base64 key.");
        }

        if (TokenLifetime < TimeSpan.FromMinutes(1) || TokenLifetime > TimeSpan.FromDays(365))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}:TokenLifetime: {TokenLifetime} is outside 00:01:00..365 days."));
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"{prefix}:Port: must be 1..65535.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}:Timeout: must be positive.");
        }

        return errors;
    }
}
