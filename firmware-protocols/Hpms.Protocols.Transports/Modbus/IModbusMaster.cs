namespace Hpms.Protocols.Transports.Modbus;

/// <summary>
/// A Modbus client. Each call is one transaction (with retries); failures surface as
/// <see cref="ModbusExceptionResponseException"/>, <see cref="ModbusTimeoutException"/>,
/// <see cref="ModbusProtocolException"/> or <see cref="Channels.TransportException"/>.
/// Calls may come from several tasks: they are serialised, one transaction on the wire at a time.
/// </summary>
public interface IModbusMaster : IAsyncDisposable
{
    /// <summary>Gets the running totals of this master.</summary>
    ModbusMasterCounters Counters { get; }

    /// <summary>FC 01: reads destination.Length coils.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="address">First coil.</param>
    /// <param name="destination">Receives the states.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the values are in <paramref name="destination"/>.</returns>
    ValueTask ReadCoilsAsync(byte unitId, ushort address, Memory<bool> destination, CancellationToken cancellationToken);

    /// <summary>FC 02: reads destination.Length discrete inputs.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="address">First input.</param>
    /// <param name="destination">Receives the states.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the values are in <paramref name="destination"/>.</returns>
    ValueTask ReadDiscreteInputsAsync(byte unitId, ushort address, Memory<bool> destination, CancellationToken cancellationToken);

    /// <summary>FC 03: reads destination.Length holding registers.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="address">First register.</param>
    /// <param name="destination">Receives the registers.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the values are in <paramref name="destination"/>.</returns>
    ValueTask ReadHoldingRegistersAsync(byte unitId, ushort address, Memory<ushort> destination, CancellationToken cancellationToken);

    /// <summary>FC 04: reads destination.Length input registers.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="address">First register.</param>
    /// <param name="destination">Receives the registers.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the values are in <paramref name="destination"/>.</returns>
    ValueTask ReadInputRegistersAsync(byte unitId, ushort address, Memory<ushort> destination, CancellationToken cancellationToken);

    /// <summary>FC 05: writes one coil.</summary>
    /// <param name="unitId">The addressed unit (0 broadcasts on a serial line).</param>
    /// <param name="address">The coil.</param>
    /// <param name="value">Its new state.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the device confirmed.</returns>
    ValueTask WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken);

    /// <summary>FC 06: writes one holding register.</summary>
    /// <param name="unitId">The addressed unit (0 broadcasts on a serial line).</param>
    /// <param name="address">The register.</param>
    /// <param name="value">Its new value.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the device confirmed.</returns>
    ValueTask WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken);

    /// <summary>FC 15: writes several coils.</summary>
    /// <param name="unitId">The addressed unit (0 broadcasts on a serial line).</param>
    /// <param name="address">First coil.</param>
    /// <param name="values">New states.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the device confirmed.</returns>
    ValueTask WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken);

    /// <summary>FC 16: writes several holding registers.</summary>
    /// <param name="unitId">The addressed unit (0 broadcasts on a serial line).</param>
    /// <param name="address">First register.</param>
    /// <param name="values">New values.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the device confirmed.</returns>
    ValueTask WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken);

    /// <summary>FC 23: writes registers, then reads registers, in one transaction.</summary>
    /// <param name="unitId">The addressed unit.</param>
    /// <param name="readAddress">First register read.</param>
    /// <param name="destination">Receives the registers read.</param>
    /// <param name="writeAddress">First register written.</param>
    /// <param name="values">Values written.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the values are in <paramref name="destination"/>.</returns>
    ValueTask ReadWriteMultipleRegistersAsync(
        byte unitId, ushort readAddress, Memory<ushort> destination, ushort writeAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken);
}
