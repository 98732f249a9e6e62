namespace Hpms.Edge.Sensors;

/// <summary>The SHT3x status register (datasheet §4.11, Table 17).</summary>
/// <param name="Value">The 16-bit register.</param>
public readonly record struct Sht3xStatusRegister(ushort Value)
{
    /// <summary>Bit 15: at least one alert is pending.</summary>
    public bool AlertPending => (Value & 0x8000) != 0;

    /// <summary>Bit 13: the heater is on.</summary>
    public bool HeaterOn => (Value & 0x2000) != 0;

    /// <summary>Bit 11: humidity tracking alert.</summary>
    public bool HumidityTrackingAlert => (Value & 0x0800) != 0;

    /// <summary>Bit 10: temperature tracking alert.</summary>
    public bool TemperatureTrackingAlert => (Value & 0x0400) != 0;

    /// <summary>Bit 4: a reset (power-on, soft or hard) happened since the status was last cleared.</summary>
    public bool SystemResetDetected => (Value & 0x0010) != 0;

    /// <summary>Bit 1: the last command was not processed (invalid or failed its checksum).</summary>
    public bool LastCommandFailed => (Value & 0x0002) != 0;

    /// <summary>Bit 0: the checksum of the last write transfer failed.</summary>
    public bool WriteChecksumFailed => (Value & 0x0001) != 0;
}
