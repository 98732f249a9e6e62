namespace Hpms.Protocols.Modbus;

/// <summary>Quantity and size limits from the Modbus Application Protocol V1.1b3 (§4.1, §6).</summary>
public static class ModbusLimits
{
    /// <summary>Largest PDU: 253 bytes (256-byte RS-485 ADU less address and CRC, §4.1).</summary>
    public const int MaxPduLength = 253;

    /// <summary>Largest RTU ADU: unit id + PDU + CRC.</summary>
    public const int MaxRtuAduLength = MaxPduLength + 3;

    /// <summary>MBAP header length (transaction id, protocol id, length, unit id).</summary>
    public const int MbapHeaderLength = 7;

    /// <summary>Largest TCP ADU: MBAP + PDU without the unit id already counted in MBAP.</summary>
    public const int MaxTcpAduLength = MbapHeaderLength + MaxPduLength;

    /// <summary>FC 01/02: at most 2000 bits per read (§6.1, §6.2).</summary>
    public const int MaxReadBits = 2000;

    /// <summary>FC 03/04/23 read part: at most 125 registers per read (§6.3, §6.4).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>FC 15: at most 1968 coils per write (0x7B0, §6.11).</summary>
    public const int MaxWriteCoils = 1968;

    /// <summary>FC 16: at most 123 registers per write (0x7B, §6.12).</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>FC 23 write part: at most 121 registers (0x79, §6.17).</summary>
    public const int MaxReadWriteWriteRegisters = 121;

    /// <summary>Highest unit id for a unicast request on a serial line (247); 0 is broadcast.</summary>
    public const byte MaxSerialUnitId = 247;

    /// <summary>Number of addressable entries in each of the four data tables (0..65535).</summary>
    public const int AddressSpace = 65536;
}
