using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>The device answered with a Modbus exception response: the device is there, the request was refused.</summary>
public sealed class ModbusExceptionResponseException : ModbusException
{
    /// <summary>Creates the error.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="function">The function requested.</param>
    /// <param name="code">The exception code returned.</param>
    public ModbusExceptionResponseException(byte unitId, FunctionCode function, ExceptionCode code)
        : base(unitId, function, $"Unit {unitId} answered {function} with exception {(byte)code:X2} {code}.")
    {
        Code = code;
    }

    /// <summary>Gets the exception code returned.</summary>
    public ExceptionCode Code { get; }
}
