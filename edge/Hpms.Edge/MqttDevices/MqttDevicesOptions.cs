using System.Globalization;

namespace Hpms.Edge.MqttDevices;

/// <summary>
/// The building's broker that MQTT-native devices publish to (configuration section <c>MqttDevices</c>).
/// Deliberately separate from <c>Uplink:Mqtt</c>: devices talk to a broker inside the building, the
/// uplink to the cloud's broker, and confusing the two would send device traffic over the WAN.
/// </summary>
public sealed class MqttDevicesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "MqttDevices";

    /// <summary>Gets or sets the building broker's host (required when any device has <c>Transport: Mqtt</c>).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the broker port (8883 with TLS).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Gets or sets the client id (default: <c>{gateway id}-devices</c>).</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the user name (default: the gateway id); it needs read on <c>devices/+/report|event</c>.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Gets or sets the environment variable holding the password (never the password itself); empty = no credentials.</summary>
    public string PasswordEnv { get; set; } = "HPMS_EDGE_DEVICES_MQTT_PASSWORD";

    /// <summary>Gets or sets whether to use TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>Gets or sets a PEM file of the CA that signed the broker's certificate (the system store when empty; needs <see cref="UseTls"/>).</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>Gets or sets how long the broker keeps the session (and queued QoS 1 events) while the gateway is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the connect timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the delay before reconnecting after the broker was lost (doubles up to 30 s).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options; messages name their keys.</summary>
    /// <param name="hasMqttDevices">Whether any configured device uses the MQTT transport (only then is a broker required).</param>
    /// <returns>Problems.</returns>
    public IReadOnlyList<string> Validate(bool hasMqttDevices)
    {
        List<string> errors = [];
        if (!hasMqttDevices)
        {
            return errors;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add("MqttDevices:Host: is required when a device has Transport Mqtt (the building broker the devices publish to).");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add("MqttDevices:Port: must be 1..65535.");
        }

        if (!string.IsNullOrEmpty(PasswordEnv) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PasswordEnv)))
        {
            errors.Add($"MqttDevices:PasswordEnv: environment variable {PasswordEnv} is not set (set PasswordEnv to \"\" only for a broker without passwords).");
        }

        if (CaFile.Length > 0 && (!UseTls || !File.Exists(CaFile)))
        {
            errors.Add($"MqttDevices:CaFile: '{CaFile}' must exist and needs MqttDevices:UseTls true.");
        }

        if (SessionExpiry < TimeSpan.Zero || SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MqttDevices:SessionExpiry: {SessionExpiry} is outside 0..{uint.MaxValue} s."));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("MqttDevices:Timeout: must be positive.");
        }

        if (ReconnectDelay <= TimeSpan.Zero)
        {
            errors.Add("MqttDevices:ReconnectDelay: must be positive.");
        }

        return errors;
    }
}
