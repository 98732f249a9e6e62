using System.Buffers.Binary;

namespace Hpms.Protocols.Registers;

/// <summary>
/// Converts between Modbus registers and typed or engineering values. Pure, allocation-free
/// except <see cref="DecodeString"/>; wire data never throws, every call returns a status.
/// </summary>
public static class RegisterValueCodec
{
    private const int MaxScalarBytes = 8;

    // Integer limits as doubles: 2^63 and 2^64 are exact in binary64, so "< limit" is a precise test.
    private const double TwoPow63 = 9223372036854775808.0;
    private const double TwoPow64 = 18446744073709551616.0;

    /// <summary>Decodes a signed integer (Int16, Int32, Int64).</summary>
    /// <param name="registers">Registers as read; at least the type's register count.</param>
    /// <param name="type">Int16, Int32 or Int64.</param>
    /// <param name="wordOrder">Byte order across registers.</param>
    /// <param name="value">The decoded value, or 0 on failure.</param>
    /// <returns><see cref="RegisterCodecStatus.Ok"/> or the reason it failed.</returns>
    public static RegisterCodecStatus TryDecodeSigned(ReadOnlySpan<ushort> registers, RegisterDataType type, WordOrder wordOrder, out long value)
    {
        value = 0;
        if (type is not (RegisterDataType.Int16 or RegisterDataType.Int32 or RegisterDataType.Int64))
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        Span<byte> bytes = stackalloc byte[MaxScalarBytes];
        RegisterCodecStatus status = Gather(registers, type.RegisterCount(), wordOrder, bytes);
        if (status != RegisterCodecStatus.Ok)
        {
            return status;
        }

        value = type switch
        {
            RegisterDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
            RegisterDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadInt64BigEndian(bytes),
        };
        return RegisterCodecStatus.Ok;
    }

    /// <summary>Decodes an unsigned integer (UInt16, UInt32, UInt64).</summary>
    /// <param name="registers">Registers as read; at least the type's register count.</param>
    /// <param name="type">UInt16, UInt32 or UInt64.</param>
    /// <param name="wordOrder">Byte order across registers.</param>
    /// <param name="value">The decoded value, or 0 on failure.</param>
    /// <returns><see cref="RegisterCodecStatus.Ok"/> or the reason it failed.</returns>
    public static RegisterCodecStatus TryDecodeUnsigned(ReadOnlySpan<ushort> registers, RegisterDataType type, WordOrder wordOrder, out ulong value)
    {
        value = 0;
        if (type is not (RegisterDataType.UInt16 or RegisterDataType.UInt32 or RegisterDataType.UInt64))
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        Span<byte> bytes = stackalloc byte[MaxScalarBytes];
        RegisterCodecStatus status = Gather(registers, type.RegisterCount(), wordOrder, bytes);
        if (status != RegisterCodecStatus.Ok)
        {
            return status;
        }

        value = type switch
        {
            RegisterDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            RegisterDataType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        };
        return RegisterCodecStatus.Ok;
    }

    /// <summary>Decodes a Float32 or Float64.</summary>
    /// <param name="registers">Registers as read; at least the type's register count.</param>
    /// <param name="type">Float32 or Float64.</param>
    /// <param name="wordOrder">Byte order across registers.</param>
    /// <param name="value">The decoded value; NaN and infinities are passed through.</param>
    /// <returns>
    /// <see cref="RegisterCodecStatus.Ok"/>, or <see cref="RegisterCodecStatus.NotFinite"/> with the NaN or
    /// infinity in <paramref name="value"/> so the caller can mark the reading bad.
    /// </returns>
    public static RegisterCodecStatus TryDecodeFloat(ReadOnlySpan<ushort> registers, RegisterDataType type, WordOrder wordOrder, out double value)
    {
        value = 0;
        if (!type.IsFloat())
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        Span<byte> bytes = stackalloc byte[MaxScalarBytes];
        RegisterCodecStatus status = Gather(registers, type.RegisterCount(), wordOrder, bytes);
        if (status != RegisterCodecStatus.Ok)
        {
            return status;
        }

        value = type == RegisterDataType.Float32
            ? BinaryPrimitives.ReadSingleBigEndian(bytes)
            : BinaryPrimitives.ReadDoubleBigEndian(bytes);
        return double.IsFinite(value) ? RegisterCodecStatus.Ok : RegisterCodecStatus.NotFinite;
    }

    /// <summary>Decodes one bit of a register.</summary>
    /// <param name="registers">Registers as read; the first one is used.</param>
    /// <param name="bit">Bit index 0..15, 0 = least significant.</param>
    /// <param name="value">The bit.</param>
    /// <returns><see cref="RegisterCodecStatus.Ok"/> or the reason it failed.</returns>
    public static RegisterCodecStatus TryDecodeBit(ReadOnlySpan<ushort> registers, int bit, out bool value)
    {
        value = false;
        if (bit is < 0 or > 15)
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        if (registers.IsEmpty)
        {
            return RegisterCodecStatus.BufferTooSmall;
        }

        value = ((registers[0] >> bit) & 1) != 0;
        return RegisterCodecStatus.Ok;
    }

    /// <summary>
    /// Decodes any numeric format to its raw value as a double, without scale and offset. Bool is
    /// "first register non-zero", Bit is 0 or 1. UInt64/Int64 beyond 2^53 lose precision; use the typed methods for exact values.
    /// </summary>
    /// <param name="registers">Registers as read.</param>
    /// <param name="format">The layout; strings are not numeric and give <see cref="RegisterCodecStatus.InvalidFormat"/>.</param>
    /// <param name="raw">The raw value, or 0 on failure (NaN/infinity for non-finite floats).</param>
    /// <returns><see cref="RegisterCodecStatus.Ok"/> or the reason it failed.</returns>
    public static RegisterCodecStatus TryDecodeRaw(ReadOnlySpan<ushort> registers, in RegisterFormat format, out double raw)
    {
        raw = 0;
        if (!format.IsValid)
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        RegisterCodecStatus status;
        switch (format.Type)
        {
            case RegisterDataType.Bool:
                if (registers.IsEmpty)
                {
                    return RegisterCodecStatus.BufferTooSmall;
                }

                raw = registers[0] != 0 ? 1 : 0;
                return RegisterCodecStatus.Ok;
            case RegisterDataType.Bit:
                status = TryDecodeBit(registers, format.Bit, out bool bit);
                raw = bit ? 1 : 0;
                return status;
            case RegisterDataType.Int16 or RegisterDataType.Int32 or RegisterDataType.Int64:
                status = TryDecodeSigned(registers, format.Type, format.WordOrder, out long signed);
                raw = signed;
                return status;
            case RegisterDataType.UInt16 or RegisterDataType.UInt32 or RegisterDataType.UInt64:
                status = TryDecodeUnsigned(registers, format.Type, format.WordOrder, out ulong unsigned);
                raw = unsigned;
                return status;
            case RegisterDataType.Float32 or RegisterDataType.Float64:
                return TryDecodeFloat(registers, format.Type, format.WordOrder, out raw);
            default:
                return RegisterCodecStatus.InvalidFormat;
        }
    }

    /// <summary>
    /// Decodes to an engineering value: raw × scale + offset. Bool and Bit ignore scale and offset (always 0 or 1).
    /// </summary>
    /// <param name="registers">Registers as read.</param>
    /// <param name="format">The layout, scale and offset.</param>
    /// <param name="value">The engineering value, or 0 on failure (NaN/infinity for non-finite floats).</param>
    /// <returns><see cref="RegisterCodecStatus.Ok"/> or the reason it failed.</returns>
    public static RegisterCodecStatus TryDecode(ReadOnlySpan<ushort> registers, in RegisterFormat format, out double value)
    {
        RegisterCodecStatus status = TryDecodeRaw(registers, format, out value);
        if (status == RegisterCodecStatus.Ok && format.Type is not (RegisterDataType.Bool or RegisterDataType.Bit))
        {
            value = Scale(value, format.Scale) + format.Offset;
        }

        return status;
    }

    /// <summary>
    /// raw × scale, but a decimal scale such as 0.1 divides by its whole reciprocal instead, so 46 × 0.1
    /// reads 4.6 and not 4.6000000000000005 (what a person typed into the device is what the edge reports).
    /// </summary>
    private static double Scale(double raw, double scale)
    {
        double reciprocal = 1.0 / scale;
        double whole = Math.Round(reciprocal);
        return Math.Abs(scale) < 1 && whole != 0 && Math.Abs(reciprocal - whole) < 1e-9 * Math.Abs(whole)
            ? raw / whole
            : raw * scale;
    }

    /// <summary>Encodes a signed integer into Int16, Int32 or Int64 registers.</summary>
    /// <param name="value">The raw value.</param>
    /// <param name="type">Int16, Int32 or Int64.</param>
    /// <param name="wordOrder">Byte order across registers.</param>
    /// <param name="destination">Receives the type's register count.</param>
    /// <returns><see cref="RegisterCodecStatus.OutOfRange"/> when the value does not fit the type.</returns>
    public static RegisterCodecStatus TryEncodeSigned(long value, RegisterDataType type, WordOrder wordOrder, Span<ushort> destination)
    {
        Span<byte> bytes = stackalloc byte[MaxScalarBytes];
        switch (type)
        {
            case RegisterDataType.Int16 when value is >= short.MinValue and <= short.MaxValue:
                BinaryPrimitives.WriteInt16BigEndian(bytes, (short)value);
                break;
            case RegisterDataType.Int32 when value is >= int.MinValue and <= int.MaxValue:
                BinaryPrimitives.WriteInt32BigEndian(bytes, (int)value);
                break;
            case RegisterDataType.Int64:
                BinaryPrimitives.WriteInt64BigEndian(bytes, value);
                break;
            case RegisterDataType.Int16 or RegisterDataType.Int32:
                return RegisterCodecStatus.OutOfRange;
            default:
                return RegisterCodecStatus.InvalidFormat;
        }

        return Scatter(bytes, type.RegisterCount(), wordOrder, destination);
    }

    /// <summary>Encodes an unsigned integer into UInt16, UInt32 or UInt64 registers.</summary>
    /// <param name="value">The raw value.</param>
    /// <param name="type">UInt16, UInt32 or UInt64.</param>
    /// <param name="wordOrder">Byte order across registers.</param>
    /// <param name="destination">Receives the type's register count.</param>
    /// <returns><see cref="RegisterCodecStatus.OutOfRange"/> when the value does not fit the type.</returns>
    public static RegisterCodecStatus TryEncodeUnsigned(ulong value, RegisterDataType type, WordOrder wordOrder, Span<ushort> destination)
    {
        Span<byte> bytes = stackalloc byte[MaxScalarBytes];
        switch (type)
        {
            case RegisterDataType.UInt16 when value <= ushort.MaxValue:
                BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
                break;
            case RegisterDataType.UInt32 when value <= uint.MaxValue:
                BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
                break;
            case RegisterDataType.UInt64:
                BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
                break;
            case RegisterDataType.UInt16 or RegisterDataType.UInt32:
                return RegisterCodecStatus.OutOfRange;
            default:
                return RegisterCodecStatus.InvalidFormat;
        }

        return Scatter(bytes, type.RegisterCount(), wordOrder, destination);
    }

    /// <summary>Encodes a Float32 or Float64; NaN and infinities are written as such (simulated sensor faults).</summary>
    /// <param name="value">The raw value.</param>
    /// <param name="type">Float32 or Float64.</param>
    /// <param name="wordOrder">Byte order across registers.</param>
    /// <param name="destination">Receives the type's register count.</param>
    /// <returns><see cref="RegisterCodecStatus.OutOfRange"/> when a finite value exceeds the Float32 range.</returns>
    public static RegisterCodecStatus TryEncodeFloat(double value, RegisterDataType type, WordOrder wordOrder, Span<ushort> destination)
    {
        Span<byte> bytes = stackalloc byte[MaxScalarBytes];
        if (type == RegisterDataType.Float32)
        {
            if (double.IsFinite(value) && Math.Abs(value) > float.MaxValue)
            {
                return RegisterCodecStatus.OutOfRange;
            }

            BinaryPrimitives.WriteSingleBigEndian(bytes, (float)value);
        }
        else if (type == RegisterDataType.Float64)
        {
            BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        }
        else
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        return Scatter(bytes, type.RegisterCount(), wordOrder, destination);
    }

    /// <summary>
    /// Encodes an engineering value: raw = (value − offset) / scale, rounded half away from zero for
    /// integer types. Bool and Bit take exactly 0 or 1; Bit changes only its own bit of
    /// <paramref name="destination"/>[0] so fields sharing a register survive.
    /// </summary>
    /// <param name="value">The engineering value.</param>
    /// <param name="format">The layout, scale and offset.</param>
    /// <param name="destination">Receives the format's register count.</param>
    /// <returns><see cref="RegisterCodecStatus.OutOfRange"/> or <see cref="RegisterCodecStatus.NotFinite"/> instead of clamping.</returns>
    public static RegisterCodecStatus TryEncode(double value, in RegisterFormat format, Span<ushort> destination)
    {
        if (!format.IsValid)
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        if (format.Type is RegisterDataType.Bool or RegisterDataType.Bit)
        {
            if (value is not (0.0 or 1.0))
            {
                return double.IsNaN(value) ? RegisterCodecStatus.NotFinite : RegisterCodecStatus.OutOfRange;
            }

            if (destination.IsEmpty)
            {
                return RegisterCodecStatus.BufferTooSmall;
            }

            if (format.Type == RegisterDataType.Bool)
            {
                destination[0] = (ushort)value;
            }
            else
            {
                ushort mask = (ushort)(1 << format.Bit);
                destination[0] = value == 1.0 ? (ushort)(destination[0] | mask) : (ushort)(destination[0] & ~mask);
            }

            return RegisterCodecStatus.Ok;
        }

        double raw = (value - format.Offset) / format.Scale;
        if (format.Type.IsFloat())
        {
            return TryEncodeFloat(raw, format.Type, format.WordOrder, destination);
        }

        if (format.Type == RegisterDataType.String)
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        if (!double.IsFinite(raw))
        {
            return double.IsNaN(raw) ? RegisterCodecStatus.NotFinite : RegisterCodecStatus.OutOfRange;
        }

        double rounded = Math.Round(raw, MidpointRounding.AwayFromZero);
        return format.Type switch
        {
            RegisterDataType.Int16 or RegisterDataType.Int32 or RegisterDataType.Int64 =>
                rounded is >= -TwoPow63 and < TwoPow63
                    ? TryEncodeSigned((long)rounded, format.Type, format.WordOrder, destination)
                    : RegisterCodecStatus.OutOfRange,
            _ => rounded is >= 0 and < TwoPow64
                ? TryEncodeUnsigned((ulong)rounded, format.Type, format.WordOrder, destination)
                : RegisterCodecStatus.OutOfRange,
        };
    }

    /// <summary>
    /// Decodes ASCII text, two characters per register, high byte first. Stops at the first NUL,
    /// trims trailing spaces, and shows bytes outside printable ASCII as '?'.
    /// </summary>
    /// <param name="registers">The string's registers.</param>
    /// <param name="destination">Needs room for two characters per register.</param>
    /// <param name="charsWritten">Characters written after trimming.</param>
    /// <returns><see cref="RegisterCodecStatus.BufferTooSmall"/> when <paramref name="destination"/> is too short.</returns>
    public static RegisterCodecStatus TryDecodeString(ReadOnlySpan<ushort> registers, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (destination.Length < registers.Length * 2)
        {
            return RegisterCodecStatus.BufferTooSmall;
        }

        int length = 0;
        foreach (ushort register in registers)
        {
            int high = register >> 8;
            if (high == 0)
            {
                break;
            }

            destination[length++] = ToPrintable(high);
            int low = register & 0xFF;
            if (low == 0)
            {
                break;
            }

            destination[length++] = ToPrintable(low);
        }

        while (length > 0 && destination[length - 1] == ' ')
        {
            length--;
        }

        charsWritten = length;
        return RegisterCodecStatus.Ok;
    }

    /// <summary>Decodes ASCII text into a new string (see <see cref="TryDecodeString"/>).</summary>
    /// <param name="registers">The string's registers.</param>
    /// <returns>The text, possibly empty.</returns>
    public static string DecodeString(ReadOnlySpan<ushort> registers)
    {
        // 125 registers is the longest string a map allows; larger spans fall back to the heap.
        Span<char> chars = registers.Length <= 125 ? stackalloc char[registers.Length * 2] : new char[registers.Length * 2];
        _ = TryDecodeString(registers, chars, out int written);
        return new string(chars[..written]);
    }

    /// <summary>Encodes ASCII text, high byte first, padding every remaining byte with NUL.</summary>
    /// <param name="value">Printable ASCII (0x20..0x7E) text of at most two characters per register.</param>
    /// <param name="destination">The string's registers; all of them are written.</param>
    /// <returns>
    /// <see cref="RegisterCodecStatus.OutOfRange"/> when the text is too long,
    /// <see cref="RegisterCodecStatus.InvalidCharacter"/> for non-printable or non-ASCII characters.
    /// </returns>
    public static RegisterCodecStatus TryEncodeString(ReadOnlySpan<char> value, Span<ushort> destination)
    {
        if (value.Length > destination.Length * 2)
        {
            return RegisterCodecStatus.OutOfRange;
        }

        foreach (char c in value)
        {
            if (c is < ' ' or > '~')
            {
                return RegisterCodecStatus.InvalidCharacter;
            }
        }

        for (int i = 0; i < destination.Length; i++)
        {
            int high = 2 * i < value.Length ? value[2 * i] : 0;
            int low = (2 * i) + 1 < value.Length ? value[(2 * i) + 1] : 0;
            destination[i] = (ushort)((high << 8) | low);
        }

        return RegisterCodecStatus.Ok;
    }

    private static char ToPrintable(int b) => b is >= 0x20 and <= 0x7E ? (char)b : '?';

    // Puts the registers' bytes into natural big-endian order (A first) so BinaryPrimitives can read them.
    private static RegisterCodecStatus Gather(ReadOnlySpan<ushort> registers, int count, WordOrder wordOrder, Span<byte> bigEndian)
    {
        if (registers.Length < count)
        {
            return RegisterCodecStatus.BufferTooSmall;
        }

        if (!Enum.IsDefined(wordOrder))
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        bool reverseWords = wordOrder is WordOrder.CDAB or WordOrder.DCBA;
        bool swapBytes = wordOrder is WordOrder.BADC or WordOrder.DCBA;
        for (int i = 0; i < count; i++)
        {
            ushort word = registers[reverseWords ? count - 1 - i : i];
            BinaryPrimitives.WriteUInt16BigEndian(bigEndian[(i * 2)..], swapBytes ? BinaryPrimitives.ReverseEndianness(word) : word);
        }

        return RegisterCodecStatus.Ok;
    }

    // Inverse of Gather: the same permutation is its own inverse for all four orders.
    private static RegisterCodecStatus Scatter(ReadOnlySpan<byte> bigEndian, int count, WordOrder wordOrder, Span<ushort> registers)
    {
        if (registers.Length < count)
        {
            return RegisterCodecStatus.BufferTooSmall;
        }

        if (!Enum.IsDefined(wordOrder))
        {
            return RegisterCodecStatus.InvalidFormat;
        }

        bool reverseWords = wordOrder is WordOrder.CDAB or WordOrder.DCBA;
        bool swapBytes = wordOrder is WordOrder.BADC or WordOrder.DCBA;
        for (int i = 0; i < count; i++)
        {
            ushort word = BinaryPrimitives.ReadUInt16BigEndian(bigEndian[(i * 2)..]);
            registers[reverseWords ? count - 1 - i : i] = swapBytes ? BinaryPrimitives.ReverseEndianness(word) : word;
        }

        return RegisterCodecStatus.Ok;
    }
}
