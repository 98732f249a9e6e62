using Hpms.Protocols.Modbus;
using Hpms.Protocols.Registers;

namespace Hpms.Protocols.RegisterMaps;

/// <summary>One read request of a <see cref="PollPlan"/> and the points it carries.</summary>
public sealed class ReadBlock
{
    /// <summary>Creates a block.</summary>
    /// <param name="table">The table read.</param>
    /// <param name="startAddress">First address read.</param>
    /// <param name="count">Registers or bits read.</param>
    /// <param name="points">Points inside the block with their offsets.</param>
    public ReadBlock(RegisterTable table, ushort startAddress, ushort count, IReadOnlyList<BlockPoint> points)
    {
        Table = table;
        StartAddress = startAddress;
        Count = count;
        Points = [.. points];
    }

    /// <summary>FC01, FC02, FC03 or FC04, from <see cref="Table"/>.</summary>
    public FunctionCode FunctionCode => Table.ReadFunctionCode();

    /// <summary>The table read.</summary>
    public RegisterTable Table { get; }

    /// <summary>First address read.</summary>
    public ushort StartAddress { get; }

    /// <summary>Registers (or bits) read.</summary>
    public ushort Count { get; }

    /// <summary>First address after the block.</summary>
    public int EndAddress => StartAddress + Count;

    /// <summary>Points inside the block, in address order.</summary>
    public IReadOnlyList<BlockPoint> Points { get; }

    /// <summary>
    /// Decodes every point from the registers a FC03/FC04 response returned for this block. A short
    /// response gives <see cref="RegisterCodecStatus.BufferTooSmall"/> for the points it misses.
    /// </summary>
    /// <param name="registers">Registers read, starting at <see cref="StartAddress"/>.</param>
    /// <param name="destination">One reading per point, in <see cref="Points"/> order.</param>
    /// <returns>Readings written: the smaller of the point count and the destination length.</returns>
    public int Decode(ReadOnlySpan<ushort> registers, Span<PointReading> destination)
    {
        int n = Math.Min(Points.Count, destination.Length);
        for (int i = 0; i < n; i++)
        {
            (RegisterPoint point, int offset) = Points[i];
            int count = point.RegisterCount;
            if (Table.IsBitTable())
            {
                destination[i] = new PointReading(point, RegisterCodecStatus.InvalidFormat, 0);
            }
            else if (offset + count > registers.Length)
            {
                destination[i] = new PointReading(point, RegisterCodecStatus.BufferTooSmall, 0);
            }
            else if (point.Type == RegisterDataType.String)
            {
                destination[i] = new PointReading(point, RegisterCodecStatus.Ok, 0, RegisterValueCodec.DecodeString(registers.Slice(offset, count)));
            }
            else
            {
                RegisterCodecStatus status = point.TryDecode(registers.Slice(offset, count), out double value);
                destination[i] = new PointReading(point, status, value);
            }
        }

        return n;
    }

    /// <summary>Decodes every point from the bits a FC01/FC02 response returned for this block.</summary>
    /// <param name="bits">Bits read, starting at <see cref="StartAddress"/>.</param>
    /// <param name="destination">One reading per point, in <see cref="Points"/> order.</param>
    /// <returns>Readings written: the smaller of the point count and the destination length.</returns>
    public int Decode(ReadOnlySpan<bool> bits, Span<PointReading> destination)
    {
        int n = Math.Min(Points.Count, destination.Length);
        for (int i = 0; i < n; i++)
        {
            (RegisterPoint point, int offset) = Points[i];
            destination[i] = !Table.IsBitTable() ? new PointReading(point, RegisterCodecStatus.InvalidFormat, 0)
                : offset >= bits.Length ? new PointReading(point, RegisterCodecStatus.BufferTooSmall, 0)
                : new PointReading(point, RegisterCodecStatus.Ok, bits[offset] ? 1 : 0);
        }

        return n;
    }

    /// <summary>Decodes every point from registers into a new array (see <see cref="Decode(ReadOnlySpan{ushort}, Span{PointReading})"/>).</summary>
    /// <param name="registers">Registers read, starting at <see cref="StartAddress"/>.</param>
    /// <returns>One reading per point.</returns>
    public PointReading[] Decode(ReadOnlySpan<ushort> registers)
    {
        var readings = new PointReading[Points.Count];
        Decode(registers, readings);
        return readings;
    }

    /// <summary>Decodes every point from bits into a new array (see <see cref="Decode(ReadOnlySpan{bool}, Span{PointReading})"/>).</summary>
    /// <param name="bits">Bits read, starting at <see cref="StartAddress"/>.</param>
    /// <returns>One reading per point.</returns>
    public PointReading[] Decode(ReadOnlySpan<bool> bits)
    {
        var readings = new PointReading[Points.Count];
        Decode(bits, readings);
        return readings;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{FunctionCode} {StartAddress}+{Count} ({Points.Count} points)";
}
