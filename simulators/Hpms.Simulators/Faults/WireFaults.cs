using Hpms.Protocols.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Faults;

/// <summary>
/// Turns fault and vanish events into settings on the endpoints: a device's events address its unit,
/// an endpoint's address all of its units (or, for vanish on TCP, its port).
/// </summary>
/// <param name="hosts">Running endpoints by id.</param>
/// <param name="devices">Where each device is: endpoint id and unit id.</param>
public sealed class WireFaults(
    IReadOnlyDictionary<string, IEndpointHost> hosts,
    IReadOnlyDictionary<string, (string Endpoint, byte Unit)> devices) : IWireFaults
{
    /// <inheritdoc/>
    public void Apply(ScenarioEvent scenarioEvent, EventPhase phase)
    {
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        (IEndpointHost host, byte? unit) = devices.TryGetValue(scenarioEvent.Target, out var place)
            ? (hosts[place.Endpoint], place.Unit)
            : (hosts[scenarioEvent.Target], (byte?)null);
        bool start = phase == EventPhase.Start;
        if (scenarioEvent.Kind == SimulatorEvents.Vanish)
        {
            if (unit is null)
            {
                // Vanishing a TCP port waits for clients to close: do not hold the simulation step for it.
                _ = host.SetVanishedAsync(start, CancellationToken.None);
            }
            else if (start)
            {
                host.SetFault(unit, new ModbusFault(ModbusFaultKind.NoResponse), count: null);
            }
            else
            {
                host.ClearFault(unit);
            }

            return;
        }

        if (!start)
        {
            host.ClearFault(unit);
            return;
        }

        var fault = new ModbusFault(
            (ModbusFaultKind)(int)scenarioEvent.Number("fault"),
            TimeSpan.FromMilliseconds(scenarioEvent.Number("delayMs")),
            (ExceptionCode)(byte)scenarioEvent.Number("exception"),
            (int)scenarioEvent.Number("noiseBytes"));
        int count = (int)scenarioEvent.Number("count");
        host.SetFault(unit, fault, count > 0 ? count : null);
    }
}
