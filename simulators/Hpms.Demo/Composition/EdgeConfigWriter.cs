using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;

namespace Hpms.Demo.Composition;

/// <summary>
/// Writes the demo gateway's configuration file from the running simulator's manifest: every simulated device
/// on its real transport (Modbus TCP, RTU on a pty line, RTU over TCP, MQTT-native), the default rules scaled to
/// the simulation's speed, the MQTT uplink to the demo broker, signed commands on. A file, not in-memory
/// settings, so an engineer can read what the gateway was told and run <c>hpms-edge --config</c> with it.
/// </summary>
public static class EdgeConfigWriter
{
    /// <summary>The demo gateway's id.</summary>
    public const string GatewayId = "gw-demo";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes the file.</summary>
    /// <param name="path">Where.</param>
    /// <param name="manifest">The running simulator.</param>
    /// <param name="settings">Broker, poll interval, directories, speed.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync(string path, SimulatorManifest manifest, EdgeDemoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(settings);
        var endpoints = manifest.Endpoints.ToDictionary(e => e.Id, StringComparer.Ordinal);
        string interval = settings.PollInterval.ToString("c", CultureInfo.InvariantCulture);
        var config = new
        {
            Gateway = new
            {
                Site = manifest.Site,
                Id = GatewayId,
                MapsDirectory = settings.MapsDirectory,
                Devices = manifest.Devices.Select(d => Device(d, endpoints[d.Endpoint], interval)),
            },
            Rules = RuleTimeScale.ScaledDefaults(manifest.Speed),
            Uplink = new
            {
                StateDirectory = Path.Combine(settings.StateDirectory, "buffers"),
                Mqtt = new { Host = "127.0.0.1", Port = settings.BrokerPort, ClientId = GatewayId, Username = GatewayId, PasswordEnv = DemoSecrets.EdgeMqttVariable },
            },
            MqttDevices = new { Host = "127.0.0.1", Port = settings.BrokerPort, ClientId = GatewayId + "-devices", Username = GatewayId, PasswordEnv = DemoSecrets.EdgeMqttVariable },
            Commands = new { Enabled = true, KeyEnv = DemoSecrets.CommandKeyVariable },
            Operations = new { MetricsUrl = settings.MetricsUrl, HealthFile = Path.Combine(settings.StateDirectory, "health.json") },
            Serilog = new
            {
                Console = false,
                MinimumLevel = new { Default = "Information" },
                File = new { Path = Path.Combine(settings.LogDirectory, "edge-.log") },
            },
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(config, s_json), cancellationToken).ConfigureAwait(false);
    }

    private static object Device(ManifestDevice device, ManifestEndpoint endpoint, string interval)
    {
        string map = device.Map ?? (device.Class.EndsWith("-mqtt", StringComparison.Ordinal) ? device.Class[..^"-mqtt".Length] : device.Class);
        return endpoint.Kind switch
        {
            EndpointKind.Mqtt => new { device.Id, Map = map, Transport = "Mqtt", device.Building, device.Zone },
            EndpointKind.ModbusRtu => new
            {
                device.Id, Map = map, Transport = "ModbusRtu", SerialPort = endpoint.Pty ?? endpoint.SerialPort, BaudRate = endpoint.BaudRate ?? 19200,
                Parity = "None", device.UnitId, PollInterval = interval, device.Building, device.Zone,
            },
            _ => new
            {
                device.Id, Map = map, Transport = endpoint.Kind == EndpointKind.RtuOverTcp ? "RtuOverTcp" : "ModbusTcp", endpoint.Host, endpoint.Port,
                device.UnitId, PollInterval = interval, device.Building, device.Zone,
            },
        };
    }
}
