using System.Collections.Concurrent;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Registers;

namespace Hpms.Simulators.Devices;

/// <summary>
/// A Modbus device whose physics advances in fixed simulated steps (see <see cref="FixedStepClock"/>):
/// each <see cref="Advance"/> applies the writes clients made since the last one (they arrive on the
/// server's thread and are queued), takes the steps now due, then serves a coherent picture.
/// </summary>
public abstract class SteppedModbusDevice : SimulatedDevice
{
    private readonly FixedStepClock _clock;
    private readonly ConcurrentQueue<(RegisterPoint Point, double Value)> _writes = new();

    /// <summary>Creates the device.</summary>
    /// <param name="context">Identity, randomness, ground truth.</param>
    /// <param name="registers">The device's map-shaped tables.</param>
    /// <param name="step">The model's fixed internal step.</param>
    protected SteppedModbusDevice(DeviceContext context, DeviceRegisters registers, TimeSpan step)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(registers);
        Registers = registers;
        _clock = new FixedStepClock(step);
        registers.PointWritten += (point, value) => _writes.Enqueue((point, value));
    }

    /// <summary>Gets the device's tables.</summary>
    protected DeviceRegisters Registers { get; }

    /// <inheritdoc/>
    public sealed override void Advance(DateTimeOffset now, TimeSpan elapsed)
    {
        BeforeSteps(now);
        while (_writes.TryDequeue(out (RegisterPoint Point, double Value) write))
        {
            ApplyClientWrite(write.Point, write.Value);
        }

        int steps = _clock.Add(elapsed);
        for (int i = 0; i < steps; i++)
        {
            StepModel(_clock.EndOfStep(now, i, steps), _clock.StepSeconds);
        }

        Serve();
    }

    /// <summary>Runs before queued writes and steps (e.g. settling the first state at the start time).</summary>
    /// <param name="now">Simulated time of this advance.</param>
    protected virtual void BeforeSteps(DateTimeOffset now)
    {
    }

    /// <summary>Reacts to one client write (already checked against the map).</summary>
    /// <param name="point">The point written.</param>
    /// <param name="value">Its new engineering value.</param>
    protected abstract void ApplyClientWrite(RegisterPoint point, double value);

    /// <summary>Advances the physics by one fixed step.</summary>
    /// <param name="at">Simulated time at the end of the step.</param>
    /// <param name="seconds">Step length in seconds.</param>
    protected abstract void StepModel(DateTimeOffset at, double seconds);

    /// <summary>Writes every readable point from the model's state.</summary>
    protected abstract void Serve();
}
