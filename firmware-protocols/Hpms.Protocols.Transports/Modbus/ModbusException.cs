using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>Base of the typed errors a Modbus master raises for a transaction that did not succeed.</summary>
public abstract class ModbusException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="function">The function requested.</param>
    /// <param name="message">What happened.</param>
    protected ModbusException(byte unitId, FunctionCode function, string message)
        : base(message)
    {
        UnitId = unitId;
        Function = function;
    }

    /// <summary>Gets the addressed unit.</summary>
    public byte UnitId { get; }

    /// <summary>Gets the function requested.</summary>
    public FunctionCode Function { get; }
}
