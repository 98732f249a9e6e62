using Hpms.Edge.Devices;
using Hpms.Edge.Polling;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Commands;

/// <summary>Commands on the devices <see cref="PollingService"/> polls, written through each device's <see cref="PollLine"/>.</summary>
/// <param name="polling">The running pollers.</param>
public sealed class PollingCommandDevices(PollingService polling) : ICommandDevices
{
    /// <inheritdoc/>
    public bool TryGetDevice(string deviceId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EdgeDevice? device)
    {
        device = polling.Lines.SelectMany(l => l.Devices()).FirstOrDefault(d => string.Equals(d.Options.Id, deviceId, StringComparison.Ordinal));
        return device is not null;
    }

    /// <inheritdoc/>
    public async Task<CommandExecution> ExecuteAsync(EdgeDevice device, IReadOnlyList<PointWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        PollLine? line = polling.Lines.FirstOrDefault(l => string.Equals(l.Key, device.LineKey, StringComparison.Ordinal));
        if (line is null)
        {
            return new CommandExecution(new CommandRefusal(CommandErrorCodes.DeviceError, "the device's line is not running"), new Dictionary<string, double>());
        }

        return await line.RunExclusiveAsync((master, token) => ModbusCommandWriter.WriteAsync(master, device.UnitId, writes, token), cancellationToken).ConfigureAwait(false);
    }
}
