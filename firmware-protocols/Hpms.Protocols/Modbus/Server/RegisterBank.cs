namespace Hpms.Protocols.Modbus.Server;

/// <summary>
/// An in-memory data store with a fixed size per table; addresses past a table's end answer
/// <see cref="ExceptionCode.IllegalDataAddress"/>. Thread-safe: a server thread reads while a
/// simulator updates values. <see cref="Written"/> tells the owner when a client wrote, so a
/// simulated device can react (open a lock, change a setpoint).
/// </summary>
public sealed class RegisterBank : IModbusDataStore
{
    private readonly Lock _gate = new();
    private readonly bool[] _coils;
    private readonly bool[] _discreteInputs;
    private readonly ushort[] _inputRegisters;
    private readonly ushort[] _holdingRegisters;

    /// <summary>Creates a bank with the given table sizes (0..65536 each).</summary>
    /// <param name="coils">Coil count.</param>
    /// <param name="discreteInputs">Discrete input count.</param>
    /// <param name="inputRegisters">Input register count.</param>
    /// <param name="holdingRegisters">Holding register count.</param>
    public RegisterBank(int coils, int discreteInputs, int inputRegisters, int holdingRegisters)
    {
        _coils = new bool[CheckSize(coils)];
        _discreteInputs = new bool[CheckSize(discreteInputs)];
        _inputRegisters = new ushort[CheckSize(inputRegisters)];
        _holdingRegisters = new ushort[CheckSize(holdingRegisters)];
    }

    /// <summary>Raised after a client write: table, first address, count. Runs on the server's thread.</summary>
    public event Action<ModbusDataTable, ushort, int>? Written;

    /// <summary>Size of a table.</summary>
    /// <param name="table">The table.</param>
    /// <returns>Its entry count.</returns>
    public int Size(ModbusDataTable table) => table switch
    {
        ModbusDataTable.Coils => _coils.Length,
        ModbusDataTable.DiscreteInputs => _discreteInputs.Length,
        ModbusDataTable.InputRegisters => _inputRegisters.Length,
        _ => _holdingRegisters.Length,
    };

    /// <inheritdoc/>
    public ExceptionCode ReadCoils(ushort address, Span<bool> destination) => Read(_coils, address, destination);

    /// <inheritdoc/>
    public ExceptionCode ReadDiscreteInputs(ushort address, Span<bool> destination) => Read(_discreteInputs, address, destination);

    /// <inheritdoc/>
    public ExceptionCode ReadHoldingRegisters(ushort address, Span<ushort> destination) => Read(_holdingRegisters, address, destination);

    /// <inheritdoc/>
    public ExceptionCode ReadInputRegisters(ushort address, Span<ushort> destination) => Read(_inputRegisters, address, destination);

    /// <inheritdoc/>
    public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values)
    {
        ExceptionCode result = Write(_coils, address, values);
        if (result == ExceptionCode.None)
        {
            Written?.Invoke(ModbusDataTable.Coils, address, values.Length);
        }

        return result;
    }

    /// <inheritdoc/>
    public ExceptionCode WriteHoldingRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        ExceptionCode result = Write(_holdingRegisters, address, values);
        if (result == ExceptionCode.None)
        {
            Written?.Invoke(ModbusDataTable.HoldingRegisters, address, values.Length);
        }

        return result;
    }

    /// <summary>Sets registers from the device side (no <see cref="Written"/> event).</summary>
    /// <param name="table">Input or holding registers.</param>
    /// <param name="address">First address.</param>
    /// <param name="values">New values.</param>
    public void SetRegisters(ModbusDataTable table, ushort address, ReadOnlySpan<ushort> values)
    {
        ushort[] target = table switch
        {
            ModbusDataTable.InputRegisters => _inputRegisters,
            ModbusDataTable.HoldingRegisters => _holdingRegisters,
            _ => throw new ArgumentException($"{table} is not a register table.", nameof(table)),
        };
        if (Write(target, address, values) != ExceptionCode.None)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"{table} {address}+{values.Length} is outside the bank.");
        }
    }

    /// <summary>Sets bits from the device side (no <see cref="Written"/> event).</summary>
    /// <param name="table">Coils or discrete inputs.</param>
    /// <param name="address">First address.</param>
    /// <param name="values">New states.</param>
    public void SetBits(ModbusDataTable table, ushort address, ReadOnlySpan<bool> values)
    {
        bool[] target = table switch
        {
            ModbusDataTable.Coils => _coils,
            ModbusDataTable.DiscreteInputs => _discreteInputs,
            _ => throw new ArgumentException($"{table} is not a bit table.", nameof(table)),
        };
        if (Write(target, address, values) != ExceptionCode.None)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"{table} {address}+{values.Length} is outside the bank.");
        }
    }

    /// <summary>Reads registers from the device side.</summary>
    /// <param name="table">Input or holding registers.</param>
    /// <param name="address">First address.</param>
    /// <param name="destination">Receives the values.</param>
    public void GetRegisters(ModbusDataTable table, ushort address, Span<ushort> destination)
    {
        ExceptionCode result = table == ModbusDataTable.InputRegisters
            ? ReadInputRegisters(address, destination)
            : ReadHoldingRegisters(address, destination);
        if (result != ExceptionCode.None)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"{table} {address}+{destination.Length} is outside the bank.");
        }
    }

    /// <summary>Reads bits from the device side.</summary>
    /// <param name="table">Coils or discrete inputs.</param>
    /// <param name="address">First address.</param>
    /// <param name="destination">Receives the states.</param>
    public void GetBits(ModbusDataTable table, ushort address, Span<bool> destination)
    {
        ExceptionCode result = table == ModbusDataTable.Coils
            ? ReadCoils(address, destination)
            : ReadDiscreteInputs(address, destination);
        if (result != ExceptionCode.None)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"{table} {address}+{destination.Length} is outside the bank.");
        }
    }

    private ExceptionCode Read<T>(T[] source, ushort address, Span<T> destination)
    {
        if (address + destination.Length > source.Length)
        {
            return ExceptionCode.IllegalDataAddress;
        }

        lock (_gate)
        {
            source.AsSpan(address, destination.Length).CopyTo(destination);
        }

        return ExceptionCode.None;
    }

    private ExceptionCode Write<T>(T[] target, ushort address, ReadOnlySpan<T> values)
    {
        if (address + values.Length > target.Length)
        {
            return ExceptionCode.IllegalDataAddress;
        }

        lock (_gate)
        {
            values.CopyTo(target.AsSpan(address));
        }

        return ExceptionCode.None;
    }

    private static int CheckSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, ModbusLimits.AddressSpace);
        return size;
    }
}
