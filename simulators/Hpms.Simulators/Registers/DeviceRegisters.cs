using Hpms.Protocols.Modbus;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Registers;

namespace Hpms.Simulators.Registers;

/// <summary>
/// A device's Modbus tables laid out by its register map, answering clients as a real device would:
/// unmapped gaps inside a table read as zero (so the edge's coalesced reads work), addresses past the
/// table's end are an illegal data address, writes must cover whole writable points (else illegal
/// data address) and stay inside the point's engineering range (else illegal data value).
/// The simulated device sets values in engineering units by point name; clients' writes reach it
/// through <see cref="PointWritten"/>.
/// </summary>
public sealed class DeviceRegisters : IModbusDataStore
{
    private readonly RegisterBank _bank;
    private readonly RegisterPoint?[] _writableCoils;
    private readonly RegisterPoint?[] _writableHolding;
    private readonly Lock _gate = new();

    /// <summary>Creates the tables of one device from its map.</summary>
    /// <param name="map">The device's register map.</param>
    public DeviceRegisters(RegisterMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Map = map;
        _bank = new RegisterBank(
            TableSize(map, RegisterTable.Coil),
            TableSize(map, RegisterTable.DiscreteInput),
            TableSize(map, RegisterTable.InputRegister),
            TableSize(map, RegisterTable.HoldingRegister));
        _writableCoils = new RegisterPoint?[_bank.Size(ModbusDataTable.Coils)];
        _writableHolding = new RegisterPoint?[_bank.Size(ModbusDataTable.HoldingRegisters)];
        foreach (RegisterPoint point in map.Points.Where(p => p.IsWritable))
        {
            RegisterPoint?[]? index = point.Table switch
            {
                RegisterTable.Coil => _writableCoils,
                RegisterTable.HoldingRegister => _writableHolding,
                _ => null,
            };
            if (index is not null)
            {
                for (int a = point.Address; a < point.EndAddress; a++)
                {
                    index[a] = point;
                }
            }
        }
    }

    /// <summary>Raised after a client wrote a point (on the server's thread): the point and its new value.</summary>
    public event Action<RegisterPoint, double>? PointWritten;

    /// <summary>Raised when the value a client would read changes: the point and its new value.</summary>
    public event Action<RegisterPoint, double>? ValueChanged;

    /// <summary>Gets the map the tables follow.</summary>
    public RegisterMap Map { get; }

    /// <summary>Finds a point; a missing name is a programming error in the device model.</summary>
    /// <param name="name">Point name from the map.</param>
    /// <returns>The point.</returns>
    public RegisterPoint Point(string name) =>
        Map.TryGetPoint(name, out RegisterPoint? point)
            ? point
            : throw new KeyNotFoundException($"{Map.SourceName}: the device model needs point '{name}', which the map does not define.");

    /// <summary>Sets a point in engineering units, clamped to its engineering range.</summary>
    /// <param name="name">Point name.</param>
    /// <param name="value">Engineering value.</param>
    public void Set(string name, double value) => Set(Point(name), value);

    /// <summary>Sets a bool/bit point.</summary>
    /// <param name="name">Point name.</param>
    /// <param name="value">The state.</param>
    public void Set(string name, bool value) => Set(Point(name), value ? 1.0 : 0.0);

    /// <summary>Sets a point in engineering units, clamped to its engineering range and its raw type's range.</summary>
    /// <param name="point">The point.</param>
    /// <param name="value">Engineering value.</param>
    public void Set(RegisterPoint point, double value)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"{point.Name}: NaN is not a value a device serves.", nameof(value));
        }

        double clamped = Math.Clamp(value, point.Min ?? double.MinValue, point.Max ?? double.MaxValue);
        bool changed;
        double served;
        lock (_gate)
        {
            Span<ushort> registers = stackalloc ushort[point.RegisterCount];
            ReadRaw(point, registers);
            if (point.TryEncode(clamped, registers) == RegisterCodecStatus.OutOfRange)
            {
                clamped = ClampToRaw(point, clamped);
                if (point.TryEncode(clamped, registers) != RegisterCodecStatus.Ok)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, $"{point.Name}: cannot be encoded as {point.Type}.");
                }
            }

            Span<ushort> before = stackalloc ushort[point.RegisterCount];
            ReadRaw(point, before);
            changed = !before.SequenceEqual(registers);
            WriteRaw(point, registers);
            point.TryDecode(registers, out served);
        }

        if (changed)
        {
            ValueChanged?.Invoke(point, served);
        }
    }

    /// <summary>Sets a string point (ASCII, padded with NULs).</summary>
    /// <param name="name">Point name.</param>
    /// <param name="value">The text; longer than the point is an error.</param>
    public void SetText(string name, string value)
    {
        RegisterPoint point = Point(name);
        Span<ushort> registers = stackalloc ushort[point.RegisterCount];
        if (RegisterValueCodec.TryEncodeString(value, registers) != RegisterCodecStatus.Ok)
        {
            throw new ArgumentException($"{point.Name}: '{value}' does not fit {point.RegisterCount} registers of ASCII.", nameof(value));
        }

        lock (_gate)
        {
            WriteRaw(point, registers);
        }
    }

    /// <summary>Reads a point as a client would, in engineering units.</summary>
    /// <param name="name">Point name.</param>
    /// <returns>The value.</returns>
    public double Get(string name) => Get(Point(name));

    /// <summary>Reads a point as a client would, in engineering units.</summary>
    /// <param name="point">The point.</param>
    /// <returns>The value.</returns>
    public double Get(RegisterPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        Span<ushort> registers = stackalloc ushort[point.RegisterCount];
        lock (_gate)
        {
            ReadRaw(point, registers);
        }

        point.TryDecode(registers, out double value);
        return value;
    }

    /// <summary>Reads a bool/bit point.</summary>
    /// <param name="name">Point name.</param>
    /// <returns>The state.</returns>
    public bool GetBool(string name) => Get(name) != 0.0;

    /// <summary>Reads a string point.</summary>
    /// <param name="name">Point name.</param>
    /// <returns>The text without trailing NULs.</returns>
    public string GetText(string name)
    {
        RegisterPoint point = Point(name);
        Span<ushort> registers = stackalloc ushort[point.RegisterCount];
        lock (_gate)
        {
            ReadRaw(point, registers);
        }

        return RegisterValueCodec.DecodeString(registers);
    }

    /// <inheritdoc/>
    public ExceptionCode ReadCoils(ushort address, Span<bool> destination)
    {
        lock (_gate)
        {
            return _bank.ReadCoils(address, destination);
        }
    }

    /// <inheritdoc/>
    public ExceptionCode ReadDiscreteInputs(ushort address, Span<bool> destination)
    {
        lock (_gate)
        {
            return _bank.ReadDiscreteInputs(address, destination);
        }
    }

    /// <inheritdoc/>
    public ExceptionCode ReadHoldingRegisters(ushort address, Span<ushort> destination)
    {
        lock (_gate)
        {
            return _bank.ReadHoldingRegisters(address, destination);
        }
    }

    /// <inheritdoc/>
    public ExceptionCode ReadInputRegisters(ushort address, Span<ushort> destination)
    {
        lock (_gate)
        {
            return _bank.ReadInputRegisters(address, destination);
        }
    }

    /// <inheritdoc/>
    public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values)
    {
        List<(RegisterPoint Point, double Value)> written = [];
        lock (_gate)
        {
            ExceptionCode check = CheckCovered(_writableCoils, address, values.Length);
            if (check != ExceptionCode.None)
            {
                return check;
            }

            ExceptionCode result = _bank.WriteCoils(address, values);
            if (result != ExceptionCode.None)
            {
                return result;
            }

            for (int i = 0; i < values.Length; i++)
            {
                written.Add((_writableCoils[address + i]!, values[i] ? 1.0 : 0.0));
            }
        }

        Notify(written);
        return ExceptionCode.None;
    }

    /// <inheritdoc/>
    public ExceptionCode WriteHoldingRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        List<(RegisterPoint Point, double Value)> written = [];
        lock (_gate)
        {
            ExceptionCode check = CheckCovered(_writableHolding, address, values.Length);
            if (check != ExceptionCode.None)
            {
                return check;
            }

            // Whole points only, each inside its engineering range, before anything changes.
            for (int offset = 0; offset < values.Length;)
            {
                RegisterPoint point = _writableHolding[address + offset]!;
                if (point.Address != address + offset || offset + point.RegisterCount > values.Length)
                {
                    return ExceptionCode.IllegalDataAddress;
                }

                ReadOnlySpan<ushort> raw = values.Slice(offset, point.RegisterCount);
                if (point.TryDecode(raw, out double value) != RegisterCodecStatus.Ok
                    || value < point.Min || value > point.Max)
                {
                    return ExceptionCode.IllegalDataValue;
                }

                written.Add((point, value));
                offset += point.RegisterCount;
            }

            ExceptionCode result = _bank.WriteHoldingRegisters(address, values);
            if (result != ExceptionCode.None)
            {
                return result;
            }
        }

        Notify(written);
        return ExceptionCode.None;
    }

    private static ExceptionCode CheckCovered(RegisterPoint?[] writable, ushort address, int count)
    {
        if (address + count > writable.Length)
        {
            return ExceptionCode.IllegalDataAddress;
        }

        for (int a = address; a < address + count; a++)
        {
            if (writable[a] is null)
            {
                return ExceptionCode.IllegalDataAddress;
            }
        }

        return ExceptionCode.None;
    }

    private static int TableSize(RegisterMap map, RegisterTable table) =>
        map.Points.Where(p => p.Table == table).Select(p => p.EndAddress).DefaultIfEmpty(0).Max();

    private static double ClampToRaw(RegisterPoint point, double value)
    {
        (double low, double high) = point.Type switch
        {
            RegisterDataType.Int16 => (short.MinValue, short.MaxValue),
            RegisterDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            RegisterDataType.Int32 => (int.MinValue, int.MaxValue),
            RegisterDataType.UInt32 => (uint.MinValue, uint.MaxValue),
            RegisterDataType.Bool or RegisterDataType.Bit => (0.0, 1.0),
            _ => (double.MinValue, double.MaxValue),
        };
        RegisterFormat f = point.Format;
        double a = (low * f.Scale) + f.Offset;
        double b = (high * f.Scale) + f.Offset;
        return Math.Clamp(value, Math.Min(a, b), Math.Max(a, b));
    }

    private void Notify(List<(RegisterPoint Point, double Value)> written)
    {
        foreach ((RegisterPoint point, double value) in written)
        {
            PointWritten?.Invoke(point, value);
            ValueChanged?.Invoke(point, value);
        }
    }

    private void ReadRaw(RegisterPoint point, Span<ushort> registers)
    {
        if (point.Table.IsBitTable())
        {
            Span<bool> bit = stackalloc bool[1];
            _ = point.Table == RegisterTable.Coil ? _bank.ReadCoils(point.Address, bit) : _bank.ReadDiscreteInputs(point.Address, bit);
            registers[0] = bit[0] ? (ushort)1 : (ushort)0;
        }
        else
        {
            _ = point.Table == RegisterTable.InputRegister
                ? _bank.ReadInputRegisters(point.Address, registers)
                : _bank.ReadHoldingRegisters(point.Address, registers);
        }
    }

    private void WriteRaw(RegisterPoint point, ReadOnlySpan<ushort> registers)
    {
        switch (point.Table)
        {
            case RegisterTable.Coil:
                _bank.SetBits(ModbusDataTable.Coils, point.Address, [registers[0] != 0]);
                break;
            case RegisterTable.DiscreteInput:
                _bank.SetBits(ModbusDataTable.DiscreteInputs, point.Address, [registers[0] != 0]);
                break;
            case RegisterTable.InputRegister:
                _bank.SetRegisters(ModbusDataTable.InputRegisters, point.Address, registers);
                break;
            default:
                _bank.SetRegisters(ModbusDataTable.HoldingRegisters, point.Address, registers);
                break;
        }
    }
}
