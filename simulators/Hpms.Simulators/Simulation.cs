using Hpms.Simulators.Devices;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators;

/// <summary>
/// The deterministic heart of a run: advances every device in simulated time and starts and ends the
/// scenario's events at their moments (devices are brought up to an event's moment before it applies).
/// No wall clock and no network here, so tests drive it step by step. Wire faults go to an
/// <see cref="IWireFaults"/> the runner supplies.
/// </summary>
public sealed class Simulation
{
    private readonly Scenario _scenario;
    private readonly IWireFaults _wire;
    private readonly IGroundTruth _truth;
    private readonly Dictionary<string, SimulatedDevice> _devices;
    private readonly PriorityQueue<(ScenarioEvent Event, EventPhase Phase), (TimeSpan At, long Order)> _due = new();
    private long _order;

    /// <summary>Creates a simulation at the scenario's start.</summary>
    /// <param name="scenario">The loaded scenario.</param>
    /// <param name="wire">Where fault and vanish events go.</param>
    /// <param name="truth">Where events are recorded.</param>
    public Simulation(Scenario scenario, IWireFaults wire, IGroundTruth truth)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _wire = wire;
        _truth = truth;
        _devices = scenario.Devices.ToDictionary(d => d.Device.Identity.Id, d => d.Device, StringComparer.Ordinal);
        foreach (ScenarioEvent e in scenario.Events)
        {
            _due.Enqueue((e, EventPhase.Start), (e.At, _order++));
        }

        Now = scenario.Time.Start;
        foreach (SimulatedDevice device in _devices.Values)
        {
            device.Advance(Now, TimeSpan.Zero);
        }
    }

    /// <summary>Gets simulated time now.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Gets how many event phases (starts and ends) have been applied.</summary>
    public long EventsApplied { get; private set; }

    /// <summary>Advances everything to <paramref name="target"/>, applying due events on the way.</summary>
    /// <param name="target">Simulated time to reach; earlier than now does nothing.</param>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (_due.TryPeek(out var next, out var key) && _scenario.Time.Start + key.At <= target)
        {
            _due.Dequeue();
            DateTimeOffset at = _scenario.Time.Start + key.At;
            StepDevices(at);
            Apply(next.Event, next.Phase);
        }

        StepDevices(target);
    }

    private void StepDevices(DateTimeOffset target)
    {
        if (target <= Now)
        {
            return;
        }

        TimeSpan elapsed = target - Now;
        Now = target;
        foreach (ScenarioDevice entry in _scenario.Devices)
        {
            entry.Device.Advance(target, elapsed);
        }
    }

    private void Apply(ScenarioEvent e, EventPhase phase)
    {
        EventsApplied++;
        _truth.Happened(e.Target, e.Kind, phase == EventPhase.Start ? "start" : "end", Now);
        if (e.Kind is SimulatorEvents.Fault or SimulatorEvents.Vanish)
        {
            _wire.Apply(e, phase);
        }
        else
        {
            _devices[e.Target].Apply(e, phase, Now);
        }

        if (phase == EventPhase.Start && e.Duration is TimeSpan duration)
        {
            _due.Enqueue((e, EventPhase.End), (e.At + duration, _order++));
        }
    }
}
