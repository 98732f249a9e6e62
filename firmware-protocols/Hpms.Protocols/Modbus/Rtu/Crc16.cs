namespace Hpms.Protocols.Modbus.Rtu;

/// <summary>
/// CRC-16/MODBUS (Modbus over Serial Line V1.02 §6.2.2): reflected polynomial 0xA001, initial
/// value 0xFFFF, sent low byte first. Table-driven, one lookup per byte.
/// </summary>
public static class Crc16
{
    private static readonly ushort[] s_table = BuildTable();

    /// <summary>Computes the CRC of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes covered: unit id and PDU.</param>
    /// <returns>The CRC; its low byte goes on the wire first.</returns>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        ReadOnlySpan<ushort> table = s_table;
        foreach (byte b in data)
        {
            crc = (ushort)((crc >> 8) ^ table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort value = (ushort)i;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (ushort)((value >> 1) ^ 0xA001) : (ushort)(value >> 1);
            }

            table[i] = value;
        }

        return table;
    }
}
