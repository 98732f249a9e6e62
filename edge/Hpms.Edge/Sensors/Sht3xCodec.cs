using System.Buffers.Binary;

namespace Hpms.Edge.Sensors;

/// <summary>
/// The pure part of the SHT3x protocol (Sensirion SHT3x-DIS datasheet): 16-bit commands sent MSB first, and
/// replies of 16-bit words each followed by a CRC-8 (§4.12: polynomial 0x31 = x⁸+x⁵+x⁴+1, init 0xFF, no
/// reflection, no final XOR; CRC(0xBEEF) = 0x92). Wire input never throws: decoders return a status.
/// </summary>
public static class Sht3xCodec
{
    /// <summary>Single shot, high repeatability, clock stretching disabled (§4.3, Table 9).</summary>
    public const ushort MeasureHighRepeatability = 0x2400;

    /// <summary>Soft reset (§4.9).</summary>
    public const ushort SoftReset = 0x30A2;

    /// <summary>Heater on (§4.10).</summary>
    public const ushort HeaterEnable = 0x306D;

    /// <summary>Heater off (§4.10).</summary>
    public const ushort HeaterDisable = 0x3066;

    /// <summary>Read out the status register (§4.11).</summary>
    public const ushort ReadStatus = 0xF32D;

    /// <summary>Clear the status register's alert and reset flags (§4.11).</summary>
    public const ushort ClearStatus = 0x3041;

    /// <summary>Bytes of a measurement reply: temperature word, CRC, humidity word, CRC.</summary>
    public const int MeasurementLength = 6;

    /// <summary>Bytes of a one-word reply (status register): word, CRC.</summary>
    public const int WordLength = 3;

    /// <summary>CRC-8 of the datasheet (§4.12) over <paramref name="data"/>.</summary>
    /// <param name="data">Bytes covered (two for one word).</param>
    /// <returns>The CRC.</returns>
    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    /// <summary>Writes a command as the two bytes that go on the bus (MSB first).</summary>
    /// <param name="command">The command.</param>
    /// <param name="destination">At least two bytes.</param>
    public static void WriteCommand(ushort command, Span<byte> destination) => BinaryPrimitives.WriteUInt16BigEndian(destination, command);

    /// <summary>Decodes one word and checks its CRC.</summary>
    /// <param name="reply">Word MSB, word LSB, CRC.</param>
    /// <param name="word">The word when the status is ok.</param>
    /// <returns>Ok, CrcMismatch or ShortFrame.</returns>
    public static Sht3xStatus DecodeWord(ReadOnlySpan<byte> reply, out ushort word)
    {
        word = 0;
        if (reply.Length < WordLength)
        {
            return Sht3xStatus.ShortFrame;
        }

        if (Crc8(reply[..2]) != reply[2])
        {
            return Sht3xStatus.CrcMismatch;
        }

        word = BinaryPrimitives.ReadUInt16BigEndian(reply);
        return Sht3xStatus.Ok;
    }

    /// <summary>Decodes a measurement reply and converts it (§4.13).</summary>
    /// <param name="reply">Six bytes: temperature MSB, LSB, CRC, humidity MSB, LSB, CRC.</param>
    /// <param name="reading">The reading when the status is ok.</param>
    /// <returns>Ok, CrcMismatch or ShortFrame.</returns>
    public static Sht3xStatus DecodeMeasurement(ReadOnlySpan<byte> reply, out Sht3xReading reading)
    {
        reading = default;
        if (reply.Length < MeasurementLength)
        {
            return Sht3xStatus.ShortFrame;
        }

        Sht3xStatus status = DecodeWord(reply[..3], out ushort rawTemperature);
        if (status != Sht3xStatus.Ok)
        {
            return status;
        }

        status = DecodeWord(reply[3..6], out ushort rawHumidity);
        if (status != Sht3xStatus.Ok)
        {
            return status;
        }

        reading = new Sht3xReading(rawTemperature, rawHumidity, TemperatureC(rawTemperature), RelativeHumidityPercent(rawHumidity));
        return Sht3xStatus.Ok;
    }

    /// <summary>T = −45 + 175 · S_T / 65535 (°C).</summary>
    /// <param name="raw">S_T.</param>
    /// <returns>°C.</returns>
    public static double TemperatureC(ushort raw) => -45.0 + (175.0 * raw / 65535.0);

    /// <summary>RH = 100 · S_RH / 65535 (%RH).</summary>
    /// <param name="raw">S_RH.</param>
    /// <returns>%RH.</returns>
    public static double RelativeHumidityPercent(ushort raw) => 100.0 * raw / 65535.0;
}
