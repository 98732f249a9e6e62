using Hpms.Edge.Devices;

namespace Hpms.Edge.Commands;

/// <summary>The gateway's devices as commands see them: found by id, written on their own line.</summary>
public interface ICommandDevices
{
    /// <summary>Finds a configured Modbus device.</summary>
    /// <param name="deviceId">Device id.</param>
    /// <param name="device">The device, when found.</param>
    /// <returns>Whether the gateway has it (and its line runs).</returns>
    bool TryGetDevice(string deviceId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EdgeDevice? device);

    /// <summary>Runs writes on the device's line between its polls.</summary>
    /// <param name="device">A device from <see cref="TryGetDevice"/>.</param>
    /// <param name="writes">Planned writes.</param>
    /// <param name="cancellationToken">Stops waiting and writing.</param>
    /// <returns>What happened.</returns>
    Task<CommandExecution> ExecuteAsync(EdgeDevice device, IReadOnlyList<PointWrite> writes, CancellationToken cancellationToken);
}
