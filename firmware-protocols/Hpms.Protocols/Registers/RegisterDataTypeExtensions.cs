namespace Hpms.Protocols.Registers;

/// <summary>Size and kind queries on <see cref="RegisterDataType"/>.</summary>
public static class RegisterDataTypeExtensions
{
    /// <summary>
    /// Number of registers (or bits, for <see cref="RegisterDataType.Bool"/>) the type occupies.
    /// </summary>
    /// <param name="type">The data type.</param>
    /// <param name="stringLength">Length in registers; used only for <see cref="RegisterDataType.String"/>.</param>
    /// <returns>1, 2 or 4 for fixed types; <paramref name="stringLength"/> for strings.</returns>
    public static int RegisterCount(this RegisterDataType type, int stringLength = 1) => type switch
    {
        RegisterDataType.Int32 or RegisterDataType.UInt32 or RegisterDataType.Float32 => 2,
        RegisterDataType.Int64 or RegisterDataType.UInt64 or RegisterDataType.Float64 => 4,
        RegisterDataType.String => stringLength,
        _ => 1,
    };

    /// <summary>True for types that live in a register table (everything but <see cref="RegisterDataType.Bool"/>).</summary>
    /// <param name="type">The data type.</param>
    /// <returns>Whether the type is read with FC03/FC04.</returns>
    public static bool IsRegisterType(this RegisterDataType type) => type != RegisterDataType.Bool;

    /// <summary>True for types whose byte layout depends on <see cref="WordOrder"/>.</summary>
    /// <param name="type">The data type.</param>
    /// <returns>False for Bool, Bit and String, which ignore word order.</returns>
    public static bool UsesWordOrder(this RegisterDataType type) =>
        type is not (RegisterDataType.Bool or RegisterDataType.Bit or RegisterDataType.String);

    /// <summary>True for IEEE 754 types, which carry NaN and are not rounded on encode.</summary>
    /// <param name="type">The data type.</param>
    /// <returns>Whether the type is Float32 or Float64.</returns>
    public static bool IsFloat(this RegisterDataType type) =>
        type is RegisterDataType.Float32 or RegisterDataType.Float64;
}
