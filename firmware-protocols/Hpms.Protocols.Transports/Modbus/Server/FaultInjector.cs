using System.Collections.Concurrent;
using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus.Server;

/// <summary>
/// A settable fault injector: a standing fault per unit (or for all units), optionally limited
/// to a number of requests, so a test or a scenario can say "unit 3 times out for the next 5 polls".
/// </summary>
public sealed class FaultInjector : IModbusFaultInjector
{
    private const int AllUnits = -1;
    private readonly ConcurrentDictionary<int, Entry> _faults = new();

    /// <summary>Gets how many faults were injected so far (ground truth for tests).</summary>
    public long Injected => Interlocked.Read(ref _injected);

    private long _injected;

    /// <summary>Sets a fault for one unit, or for every unit when <paramref name="unitId"/> is null.</summary>
    /// <param name="unitId">The unit, or null for all.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it applies to; null for until cleared.</param>
    public void Set(byte? unitId, ModbusFault fault, int? count = null) =>
        _faults[unitId ?? AllUnits] = new Entry(fault, count ?? int.MaxValue);

    /// <summary>Removes the fault of one unit, or the all-units fault.</summary>
    /// <param name="unitId">The unit, or null for all.</param>
    public void Clear(byte? unitId) => _faults.TryRemove(unitId ?? AllUnits, out _);

    /// <inheritdoc/>
    public ModbusFault Decide(byte unitId, FunctionCode functionCode)
    {
        if (!_faults.TryGetValue(unitId, out Entry? entry) && !_faults.TryGetValue(AllUnits, out entry))
        {
            return ModbusFault.None;
        }

        if (Interlocked.Decrement(ref entry.Remaining) < 0)
        {
            return ModbusFault.None;
        }

        Interlocked.Increment(ref _injected);
        return entry.Fault;
    }

    private sealed class Entry(ModbusFault fault, int remaining)
    {
        public ModbusFault Fault { get; } = fault;

#pragma warning disable SA1401, CA1051 // Interlocked needs a field.
        public int Remaining = remaining;
#pragma warning restore SA1401, CA1051
    }
}
