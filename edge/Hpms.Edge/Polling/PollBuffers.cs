using Hpms.Protocols.Modbus;
using Hpms.Protocols.RegisterMaps;

namespace Hpms.Edge.Polling;

/// <summary>Scratch space for reading and decoding blocks, one per line, reused poll after poll.</summary>
public sealed class PollBuffers
{
    /// <summary>Gets room for the largest register read.</summary>
    internal ushort[] Registers { get; } = new ushort[ModbusLimits.MaxReadRegisters];

    /// <summary>Gets room for the largest bit read.</summary>
    internal bool[] Bits { get; } = new bool[ModbusLimits.MaxReadBits];

    /// <summary>Gets room for one block's decoded points.</summary>
    internal PointReading[] Readings { get; } = new PointReading[ModbusLimits.MaxReadBits];
}
