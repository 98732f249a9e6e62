namespace Hpms.Protocols.Modbus;

/// <summary>
/// The header of a request: what a response must be checked against. Carries no payload, so it
/// is a small value that a master keeps while it waits for the reply.
/// </summary>
/// <param name="Function">The function code.</param>
/// <param name="Address">Starting address (read address for FC 23).</param>
/// <param name="Quantity">Number of bits or registers to read, or to write for FC 05/06/15/16.</param>
/// <param name="WriteAddress">FC 23 only: starting address of the write part.</param>
/// <param name="WriteQuantity">FC 23 only: number of registers written.</param>
/// <param name="SingleValue">FC 05/06 only: the value written (0xFF00/0x0000 for a coil).</param>
public readonly record struct ModbusRequest(
    FunctionCode Function,
    ushort Address,
    ushort Quantity,
    ushort WriteAddress = 0,
    ushort WriteQuantity = 0,
    ushort SingleValue = 0);
