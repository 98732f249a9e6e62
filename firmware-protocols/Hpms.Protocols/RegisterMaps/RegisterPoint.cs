using Hpms.Protocols.Registers;

namespace Hpms.Protocols.RegisterMaps;

/// <summary>One named value of a device: where it lives, how it is encoded and what it means.</summary>
public sealed record RegisterPoint
{
    /// <summary>Unique name within the map, e.g. <c>temperature</c> or <c>bin07.count</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The Modbus table holding the point.</summary>
    public required RegisterTable Table { get; init; }

    /// <summary>Zero-based protocol address of the first register or bit.</summary>
    public required ushort Address { get; init; }

    /// <summary>Data type, effective word order (the map default applied), bit, length, scale and offset.</summary>
    public required RegisterFormat Format { get; init; }

    /// <summary>Whether the point is read, written or both.</summary>
    public RegisterAccess Access { get; init; } = RegisterAccess.Read;

    /// <summary>Engineering unit, e.g. <c>°C</c>; empty when dimensionless.</summary>
    public string Unit { get; init; } = string.Empty;

    /// <summary>What the value means.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Lowest valid engineering value, if known; encodes below it are refused.</summary>
    public double? Min { get; init; }

    /// <summary>Highest valid engineering value, if known; encodes above it are refused.</summary>
    public double? Max { get; init; }

    /// <summary>The <c>repeat.nameFormat</c> this point was expanded from, or null.</summary>
    public string? Template { get; init; }

    /// <summary>The repeat index (e.g. bin number) this point was expanded with, or null.</summary>
    public int? RepeatIndex { get; init; }

    /// <summary>The raw data type.</summary>
    public RegisterDataType Type => Format.Type;

    /// <summary>Registers (or bits in a bit table) the point occupies.</summary>
    public int RegisterCount => Format.RegisterCount;

    /// <summary>First address after the point.</summary>
    public int EndAddress => Address + RegisterCount;

    /// <summary>True unless the point is write-only.</summary>
    public bool IsReadable => Access != RegisterAccess.Write;

    /// <summary>True unless the point is read-only.</summary>
    public bool IsWritable => Access != RegisterAccess.Read;

    /// <summary>Decodes the point's engineering value from its own registers.</summary>
    /// <param name="registers">The point's registers, starting at <see cref="Address"/>.</param>
    /// <param name="value">The engineering value.</param>
    /// <returns>The codec status.</returns>
    public RegisterCodecStatus TryDecode(ReadOnlySpan<ushort> registers, out double value) =>
        RegisterValueCodec.TryDecode(registers, Format, out value);

    /// <summary>Encodes an engineering value, refusing values outside <see cref="Min"/>..<see cref="Max"/>.</summary>
    /// <param name="value">The engineering value.</param>
    /// <param name="destination">The point's registers; Bit points read-modify-write the first one.</param>
    /// <returns>The codec status; <see cref="RegisterCodecStatus.OutOfRange"/> outside the engineering range.</returns>
    public RegisterCodecStatus TryEncode(double value, Span<ushort> destination)
    {
        if (value < Min || value > Max)
        {
            return RegisterCodecStatus.OutOfRange;
        }

        return RegisterValueCodec.TryEncode(value, Format, destination);
    }
}
