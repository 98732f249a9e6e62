namespace Hpms.Protocols.Registers;

/// <summary>
/// Everything <see cref="RegisterValueCodec"/> needs to turn registers into an engineering value:
/// engineering = raw × <see cref="Scale"/> + <see cref="Offset"/>.
/// </summary>
/// <param name="Type">Raw data type.</param>
/// <param name="WordOrder">Byte order across registers (ignored by Bool, Bit and String).</param>
/// <param name="Bit">Bit index 0..15 for <see cref="RegisterDataType.Bit"/>.</param>
/// <param name="Length">Registers for <see cref="RegisterDataType.String"/> (1..125).</param>
/// <param name="Scale">Multiplier from raw to engineering units; must be finite and non-zero.</param>
/// <param name="Offset">Added after scaling; must be finite.</param>
public readonly record struct RegisterFormat(
    RegisterDataType Type,
    WordOrder WordOrder = WordOrder.ABCD,
    int Bit = 0,
    int Length = 1,
    double Scale = 1.0,
    double Offset = 0.0)
{
    /// <summary>Registers (or bits for Bool) this format occupies.</summary>
    public int RegisterCount => Type.RegisterCount(Length);

    /// <summary>True when the codec can use this format (bit, length, scale and offset in range).</summary>
    public bool IsValid =>
        Enum.IsDefined(Type) && Enum.IsDefined(WordOrder)
        && Bit is >= 0 and <= 15
        && (Type != RegisterDataType.String || Length is >= 1 and <= 125)
        && double.IsFinite(Scale) && Scale != 0.0 && double.IsFinite(Offset);
}
