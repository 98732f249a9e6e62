using System.Globalization;

namespace Hpms.Edge.Sensors;

/// <summary>A temperature/humidity probe on the gateway's own I2C header (configuration section <c>LocalSensor</c>).</summary>
public sealed class LocalSensorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "LocalSensor";

    /// <summary>Gets or sets whether a probe is fitted.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the I2C bus number (<c>/dev/i2c-N</c>).</summary>
    public int BusId { get; set; } = 1;

    /// <summary>Gets or sets the probe's address (0x44 or 0x45 for the SHT3x family).</summary>
    public int Address { get; set; } = Sht3xDriver.DefaultAddress;

    /// <summary>Gets or sets the id its readings carry.</summary>
    public string DeviceId { get; set; } = "gateway-probe";

    /// <summary>Gets or sets the zone tag (where the gateway hangs).</summary>
    public string Zone { get; set; } = string.Empty;

    /// <summary>Gets or sets how often it is read.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options; messages name the keys.</summary>
    /// <returns>Problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (!Enabled)
        {
            return errors;
        }

        if (BusId is < 0 or > 255)
        {
            errors.Add("LocalSensor:BusId: must be 0..255.");
        }

        if (Address is not (0x44 or 0x45))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"LocalSensor:Address: 0x{Address:X2} is not an SHT3x address (0x44 or 0x45)."));
        }

        if (Interval < TimeSpan.FromSeconds(1))
        {
            errors.Add("LocalSensor:Interval: must be at least 00:00:01.");
        }

        if (string.IsNullOrWhiteSpace(DeviceId))
        {
            errors.Add("LocalSensor:DeviceId: is required.");
        }

        return errors;
    }
}
