using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>Responses arrived but none was valid (bad CRC, wrong length, wrong echo...), after every retry.</summary>
public sealed class ModbusProtocolException : ModbusException
{
    /// <summary>Creates the error.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="function">The function requested.</param>
    /// <param name="reason">What was wrong with the last response.</param>
    public ModbusProtocolException(byte unitId, FunctionCode function, DecodeStatus reason)
        : base(unitId, function, $"Unit {unitId} gave an invalid response to {function}: {reason}.")
    {
        Reason = reason;
    }

    /// <summary>Gets what was wrong with the last response.</summary>
    public DecodeStatus Reason { get; }
}
