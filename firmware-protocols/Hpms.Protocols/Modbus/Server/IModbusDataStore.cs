namespace Hpms.Protocols.Modbus.Server;

/// <summary>
/// What a Modbus server serves. Each call returns <see cref="ExceptionCode.None"/> or the
/// exception the client should get (e.g. <see cref="ExceptionCode.IllegalDataAddress"/>).
/// </summary>
public interface IModbusDataStore
{
    /// <summary>Reads coils.</summary>
    /// <param name="address">First address.</param>
    /// <param name="destination">Receives one state per coil.</param>
    /// <returns>The exception to answer with, or None.</returns>
    ExceptionCode ReadCoils(ushort address, Span<bool> destination);

    /// <summary>Reads discrete inputs.</summary>
    /// <param name="address">First address.</param>
    /// <param name="destination">Receives one state per input.</param>
    /// <returns>The exception to answer with, or None.</returns>
    ExceptionCode ReadDiscreteInputs(ushort address, Span<bool> destination);

    /// <summary>Reads holding registers.</summary>
    /// <param name="address">First address.</param>
    /// <param name="destination">Receives the registers.</param>
    /// <returns>The exception to answer with, or None.</returns>
    ExceptionCode ReadHoldingRegisters(ushort address, Span<ushort> destination);

    /// <summary>Reads input registers.</summary>
    /// <param name="address">First address.</param>
    /// <param name="destination">Receives the registers.</param>
    /// <returns>The exception to answer with, or None.</returns>
    ExceptionCode ReadInputRegisters(ushort address, Span<ushort> destination);

    /// <summary>Writes coils (FC 05 and 15).</summary>
    /// <param name="address">First address.</param>
    /// <param name="values">The new states.</param>
    /// <returns>The exception to answer with, or None.</returns>
    ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values);

    /// <summary>Writes holding registers (FC 06, 16 and the write part of 23).</summary>
    /// <param name="address">First address.</param>
    /// <param name="values">The new values.</param>
    /// <returns>The exception to answer with, or None.</returns>
    ExceptionCode WriteHoldingRegisters(ushort address, ReadOnlySpan<ushort> values);
}
