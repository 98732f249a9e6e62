namespace Hpms.Protocols.Modbus.Server;

/// <summary>The four data tables of the Modbus data model (§4.3).</summary>
public enum ModbusDataTable
{
    /// <summary>Single-bit, read-write (FC 01, 05, 15).</summary>
    Coils,

    /// <summary>Single-bit, read-only (FC 02).</summary>
    DiscreteInputs,

    /// <summary>16-bit, read-only (FC 04).</summary>
    InputRegisters,

    /// <summary>16-bit, read-write (FC 03, 06, 16, 23).</summary>
    HoldingRegisters,
}
