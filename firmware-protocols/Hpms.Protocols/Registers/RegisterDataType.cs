namespace Hpms.Protocols.Registers;

/// <summary>How a point's value is laid out in Modbus bits or 16-bit registers.</summary>
// The member names are the spellings used in the register-map JSON and vendor manuals.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Names match the register-map file format.")]
public enum RegisterDataType
{
    /// <summary>A single coil or discrete input (one bit in a bit table).</summary>
    Bool,

    /// <summary>One bit (0..15, 0 = least significant) inside a 16-bit register.</summary>
    Bit,

    /// <summary>Signed 16-bit integer, one register.</summary>
    Int16,

    /// <summary>Unsigned 16-bit integer, one register.</summary>
    UInt16,

    /// <summary>Signed 32-bit integer, two registers.</summary>
    Int32,

    /// <summary>Unsigned 32-bit integer, two registers.</summary>
    UInt32,

    /// <summary>IEEE 754 single precision, two registers.</summary>
    Float32,

    /// <summary>Signed 64-bit integer, four registers.</summary>
    Int64,

    /// <summary>Unsigned 64-bit integer, four registers.</summary>
    UInt64,

    /// <summary>IEEE 754 double precision, four registers.</summary>
    Float64,

    /// <summary>ASCII text: N registers, two characters per register, high byte first, NUL or space padded.</summary>
    String,
}
