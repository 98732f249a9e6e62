using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.RegisterMaps;

/// <summary>Limits and thresholds for <see cref="PollPlanner"/>.</summary>
public sealed class PollPlannerOptions
{
    /// <summary>
    /// Largest run of unused registers worth reading through to save a request (default 8). A map's
    /// <see cref="RegisterMap.MaxGap"/> overrides it.
    /// </summary>
    public int MaxGapRegisters { get; init; } = 8;

    /// <summary>Largest run of unused coils or discrete inputs worth reading through (default 32).</summary>
    public int MaxGapBits { get; init; } = 32;

    /// <summary>Registers per read request (default 125, the protocol maximum); lower it for devices that cap it.</summary>
    public int MaxRegistersPerRequest { get; init; } = ModbusLimits.MaxReadRegisters;

    /// <summary>Bits per read request (default 2000, the protocol maximum).</summary>
    public int MaxBitsPerRequest { get; init; } = ModbusLimits.MaxReadBits;

    /// <summary>The defaults: protocol maxima, gaps of 8 registers and 32 bits.</summary>
    public static PollPlannerOptions Default { get; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxGapRegisters);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxGapBits);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRegistersPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRegistersPerRequest, ModbusLimits.MaxReadRegisters);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBitsPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBitsPerRequest, ModbusLimits.MaxReadBits);
    }
}
