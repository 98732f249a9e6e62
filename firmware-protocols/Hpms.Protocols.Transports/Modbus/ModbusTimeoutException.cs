using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.Transports.Modbus;

/// <summary>No valid response arrived within the response timeout, after every retry.</summary>
public sealed class ModbusTimeoutException : ModbusException
{
    /// <summary>Creates the error.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="function">The function requested.</param>
    /// <param name="attempts">How many times the request was sent.</param>
    /// <param name="timeout">The timeout of each attempt.</param>
    public ModbusTimeoutException(byte unitId, FunctionCode function, int attempts, TimeSpan timeout)
        : base(unitId, function, $"Unit {unitId} did not answer {function} within {timeout.TotalMilliseconds:F0} ms ({attempts} attempt(s)).")
    {
        Attempts = attempts;
    }

    /// <summary>Gets how many times the request was sent.</summary>
    public int Attempts { get; }
}
