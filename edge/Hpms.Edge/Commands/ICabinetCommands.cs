using Hpms.Protocols.MqttDevices;

namespace Hpms.Edge.Commands;

/// <summary>The gateway's MQTT-native cabinets as commands see them: found by id, sent a <see cref="CabinetCommand"/>, answered.</summary>
public interface ICabinetCommands
{
    /// <summary>Whether a device is one of the gateway's MQTT-native cabinets.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <returns>True when configured.</returns>
    bool HasCabinet(string deviceId);

    /// <summary>Sends a command to the cabinet and waits for its reply (correlated by the command id).</summary>
    /// <param name="deviceId">A cabinet for which <see cref="HasCabinet"/> is true.</param>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Stops waiting (the handler's execute timeout).</param>
    /// <returns>The cabinet's reply; a refusal with error <see cref="CabinetCommandPlanner.Unreachable"/> when it cannot be sent.</returns>
    Task<CabinetCommandReply> SendAsync(string deviceId, CabinetCommand command, CancellationToken cancellationToken);
}
