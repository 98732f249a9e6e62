using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices;

/// <summary>
/// One simulated device: a physical model advanced in simulated time. Models are deterministic for a
/// given seed and sequence of steps, so a test can drive one without any wall clock or network.
/// </summary>
public abstract class SimulatedDevice
{
    /// <summary>Creates the device.</summary>
    /// <param name="context">Identity, randomness, ground truth.</param>
    protected SimulatedDevice(DeviceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    /// <summary>Gets who and where the device is.</summary>
    public DeviceIdentity Identity => Context.Identity;

    /// <summary>Gets the device's shared services.</summary>
    protected DeviceContext Context { get; }

    /// <summary>Advances the model to <paramref name="now"/>.</summary>
    /// <param name="now">Simulated time now (the hospital's local offset).</param>
    /// <param name="elapsed">Simulated time since the previous step (zero on the first).</param>
    public abstract void Advance(DateTimeOffset now, TimeSpan elapsed);

    /// <summary>Starts or ends a scenario event aimed at this device.</summary>
    /// <param name="scenarioEvent">The event; its kind is one this device class declared.</param>
    /// <param name="phase">Start, or the end of an event with a duration.</param>
    /// <param name="now">Simulated time.</param>
    public abstract void Apply(ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now);
}
