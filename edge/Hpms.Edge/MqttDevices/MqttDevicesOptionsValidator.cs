using Hpms.Edge.Configuration;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.MqttDevices;

/// <summary>Refuses a broken building-broker configuration at start-up, naming the keys.</summary>
/// <param name="gateway">The gateway options (whether any device is MQTT-native).</param>
public sealed class MqttDevicesOptionsValidator(IOptions<GatewayOptions> gateway) : IValidateOptions<MqttDevicesOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, MqttDevicesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [.. options.Validate(gateway.Value.Devices.Any(d => d.Transport == DeviceTransport.Mqtt))];
        foreach ((DeviceOptions d, int i) in gateway.Value.Devices.Select((d, i) => (d, i)).Where(x => x.d.Transport == DeviceTransport.Mqtt))
        {
            if (!Hpms.Protocols.MqttDevices.CabinetTopics.IsValidDeviceId(d.Id))
            {
                errors.Add($"Gateway:Devices:{i}:Id: '{d.Id}' cannot be an MQTT topic level (1..64 of [A-Za-z0-9._-]).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
