namespace Hpms.Protocols.Modbus;

/// <summary>Public function codes of the Modbus Application Protocol V1.1b3 (§6) that HPMS speaks.</summary>
public enum FunctionCode : byte
{
    /// <summary>01: read 1..2000 coils.</summary>
    ReadCoils = 0x01,

    /// <summary>02: read 1..2000 discrete inputs.</summary>
    ReadDiscreteInputs = 0x02,

    /// <summary>03: read 1..125 holding registers.</summary>
    ReadHoldingRegisters = 0x03,

    /// <summary>04: read 1..125 input registers.</summary>
    ReadInputRegisters = 0x04,

    /// <summary>05: write one coil (0xFF00 on, 0x0000 off).</summary>
    WriteSingleCoil = 0x05,

    /// <summary>06: write one holding register.</summary>
    WriteSingleRegister = 0x06,

    /// <summary>15 (0x0F): write 1..1968 coils.</summary>
    WriteMultipleCoils = 0x0F,

    /// <summary>16 (0x10): write 1..123 holding registers.</summary>
    WriteMultipleRegisters = 0x10,

    /// <summary>23 (0x17): write 1..121 then read 1..125 holding registers in one transaction.</summary>
    ReadWriteMultipleRegisters = 0x17,
}
