using Hpms.Protocols.Modbus;

namespace Hpms.Protocols.RegisterMaps;

/// <summary>Protocol facts about each <see cref="RegisterTable"/>.</summary>
public static class RegisterTableExtensions
{
    /// <summary>True for the bit tables (coils and discrete inputs).</summary>
    /// <param name="table">The table.</param>
    /// <returns>Whether entries are single bits rather than registers.</returns>
    public static bool IsBitTable(this RegisterTable table) =>
        table is RegisterTable.Coil or RegisterTable.DiscreteInput;

    /// <summary>True for the tables a master can write (coils and holding registers).</summary>
    /// <param name="table">The table.</param>
    /// <returns>Whether FC05/06/15/16 apply.</returns>
    public static bool IsWritable(this RegisterTable table) =>
        table is RegisterTable.Coil or RegisterTable.HoldingRegister;

    /// <summary>The function code that reads the table.</summary>
    /// <param name="table">The table.</param>
    /// <returns>FC01, FC02, FC04 or FC03.</returns>
    public static FunctionCode ReadFunctionCode(this RegisterTable table) => table switch
    {
        RegisterTable.Coil => FunctionCode.ReadCoils,
        RegisterTable.DiscreteInput => FunctionCode.ReadDiscreteInputs,
        RegisterTable.InputRegister => FunctionCode.ReadInputRegisters,
        _ => FunctionCode.ReadHoldingRegisters,
    };

    /// <summary>Largest quantity one read may ask for in this table (§6.1–§6.4).</summary>
    /// <param name="table">The table.</param>
    /// <returns>2000 bits or 125 registers.</returns>
    public static int MaxReadQuantity(this RegisterTable table) =>
        table.IsBitTable() ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters;
}
