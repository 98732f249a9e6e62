using Hpms.Simulators.Devices;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators;

/// <summary>Carries out fault and vanish events on the wire (endpoints own the servers).</summary>
public interface IWireFaults
{
    /// <summary>Starts or ends a fault or vanish event.</summary>
    /// <param name="scenarioEvent">The event (target is a device id or an endpoint id).</param>
    /// <param name="phase">Start or end.</param>
    void Apply(ScenarioEvent scenarioEvent, EventPhase phase);
}
