using Hpms.Protocols.Modbus.Rtu;

namespace Hpms.Protocols.Tests.Modbus;

/// <summary>Shared helpers for the Modbus tests: hex parsing and an independent CRC reference.</summary>
internal static class ModbusTestData
{
    /// <summary>Parses "01 03 006B" style hex (spaces ignored).</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Formats bytes as upper-case hex without separators.</summary>
    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>CRC-16/MODBUS computed bit by bit (not the codec's table): poly 0xA001 reflected, init 0xFFFF.</summary>
    public static ushort ReferenceCrc(ReadOnlySpan<byte> data)
    {
        int crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                bool lsb = (crc & 1) != 0;
                crc >>= 1;
                if (lsb)
                {
                    crc ^= 0xA001;
                }
            }
        }

        return (ushort)crc;
    }

    /// <summary>Appends the reference CRC low byte first: a complete RTU frame.</summary>
    public static byte[] WithReferenceCrc(ReadOnlySpan<byte> body)
    {
        ushort crc = ReferenceCrc(body);
        byte[] frame = new byte[body.Length + 2];
        body.CopyTo(frame);
        frame[^2] = (byte)(crc & 0xFF);
        frame[^1] = (byte)(crc >> 8);
        return frame;
    }

    /// <summary>Builds an RTU frame with the codec (unit id + PDU + CRC).</summary>
    public static byte[] RtuFrame(byte unitId, ReadOnlySpan<byte> pdu)
    {
        byte[] frame = new byte[pdu.Length + 3];
        int n = RtuCodec.Encode(frame, unitId, pdu);
        return frame[..n];
    }

    /// <summary>Bit i of LSB-first packed bytes, computed without the codec's BitPacking.</summary>
    public static bool[] UnpackReference(ReadOnlySpan<byte> packed, int count)
    {
        bool[] bits = new bool[count];
        for (int i = 0; i < count; i++)
        {
            bits[i] = ((packed[i / 8] >> (i % 8)) & 1) == 1;
        }

        return bits;
    }
}
