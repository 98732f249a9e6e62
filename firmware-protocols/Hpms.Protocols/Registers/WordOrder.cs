namespace Hpms.Protocols.Registers;

/// <summary>
/// Order of bytes across the registers of a multi-register value, named after the 32-bit layout
/// of the big-endian bytes A B C D. The 64-bit forms follow the common convention for bytes
/// A..H: ABCDEFGH, GHEFCDAB, BADCFEHG, HGFEDCBA, i.e. <see cref="CDAB"/> reverses the register
/// order, <see cref="BADC"/> swaps the two bytes inside every register and <see cref="DCBA"/> does both.
/// For one-register types only the byte swap applies: BADC and DCBA swap the two bytes, CDAB is a no-op.
/// </summary>
public enum WordOrder
{
    /// <summary>Big-endian: first register holds the most significant word, high byte first (Modbus default).</summary>
    ABCD,

    /// <summary>Word swap: registers in reverse order, each still high byte first (GHEFCDAB for 64-bit).</summary>
    CDAB,

    /// <summary>Byte swap: registers in big-endian order, bytes swapped within each register (BADCFEHG for 64-bit).</summary>
    BADC,

    /// <summary>Little-endian: registers reversed and bytes swapped (HGFEDCBA for 64-bit).</summary>
    DCBA,
}
