namespace Hpms.Protocols.RegisterMaps;

/// <summary>The four Modbus data tables (Modbus Application Protocol V1.1b3 §4.3).</summary>
public enum RegisterTable
{
    /// <summary>Read-write bits (FC01 read, FC05/FC15 write).</summary>
    Coil,

    /// <summary>Read-only bits (FC02).</summary>
    DiscreteInput,

    /// <summary>Read-only 16-bit registers (FC04).</summary>
    InputRegister,

    /// <summary>Read-write 16-bit registers (FC03 read, FC06/FC16 write).</summary>
    HoldingRegister,
}
