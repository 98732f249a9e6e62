using System.Device.I2c;

namespace Hpms.Edge.Sensors;

/// <summary>
/// Sensirion SHT30/31/35 temperature and humidity sensor on an <see cref="I2cDevice"/> (address 0x44, or
/// 0x45 with ADDR high). Measures single shot with clock stretching disabled, so a slow I2C master never
/// has to honour a held clock: the driver waits out the measurement itself, then reads. Bus failures and CRC
/// mismatches come back as results and are counted; only cancellation throws.
/// Not thread-safe: one caller per sensor (the bus transactions must not interleave).
/// </summary>
public sealed class Sht3xDriver
{
    /// <summary>Default I2C address (ADDR pin low).</summary>
    public const int DefaultAddress = 0x44;

    /// <summary>High-repeatability measurement duration, datasheet Table 4 maximum 15 ms, plus a margin.</summary>
    public static readonly TimeSpan MeasurementWait = TimeSpan.FromMilliseconds(16);

    /// <summary>Soft reset time, datasheet Table 4 maximum 1.5 ms, plus a margin.</summary>
    public static readonly TimeSpan SoftResetWait = TimeSpan.FromMilliseconds(2);

    private readonly I2cDevice _device;
    private readonly TimeProvider _time;

    /// <summary>Creates the driver; it does not own the device.</summary>
    /// <param name="device">The sensor on its bus.</param>
    /// <param name="time">Clock for the measurement wait.</param>
    public Sht3xDriver(I2cDevice device, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(time);
        _device = device;
        _time = time;
    }

    /// <summary>What the driver has done.</summary>
    public Sht3xCounters Counters { get; } = new();

    /// <summary>One single-shot, high-repeatability measurement: command, wait, read six bytes, check both CRCs.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reading, or why there is none.</returns>
    public async Task<Sht3xResult<Sht3xReading>> MeasureAsync(CancellationToken cancellationToken)
    {
        string? error = SendCommand(Sht3xCodec.MeasureHighRepeatability);
        if (error is not null)
        {
            return new(Sht3xStatus.BusError, default, error);
        }

        await Task.Delay(MeasurementWait, _time, cancellationToken).ConfigureAwait(false);

        byte[] reply = new byte[Sht3xCodec.MeasurementLength];
        error = Read(reply);
        if (error is not null)
        {
            return new(Sht3xStatus.BusError, default, error);
        }

        Sht3xStatus status = Sht3xCodec.DecodeMeasurement(reply, out Sht3xReading reading);
        if (status != Sht3xStatus.Ok)
        {
            Counters.CrcErrors++;
            return new(status, default, "measurement reply " + Convert.ToHexString(reply) + " failed its CRC-8");
        }

        Counters.Measurements++;
        return new(Sht3xStatus.Ok, reading, null);
    }

    /// <summary>Reads the status register (word + CRC).</summary>
    /// <returns>The register, or why there is none.</returns>
    public Sht3xResult<Sht3xStatusRegister> ReadStatus()
    {
        string? error = SendCommand(Sht3xCodec.ReadStatus);
        Span<byte> reply = stackalloc byte[Sht3xCodec.WordLength];
        error ??= Read(reply);
        if (error is not null)
        {
            return new(Sht3xStatus.BusError, default, error);
        }

        if (Sht3xCodec.DecodeWord(reply, out ushort word) != Sht3xStatus.Ok)
        {
            Counters.CrcErrors++;
            return new(Sht3xStatus.CrcMismatch, default, "status reply " + Convert.ToHexString(reply) + " failed its CRC-8");
        }

        return new(Sht3xStatus.Ok, new Sht3xStatusRegister(word), null);
    }

    /// <summary>Clears the status register's alert and reset flags.</summary>
    /// <returns>Ok or BusError.</returns>
    public Sht3xStatus ClearStatus() => SendCommand(Sht3xCodec.ClearStatus) is null ? Sht3xStatus.Ok : Sht3xStatus.BusError;

    /// <summary>Switches the internal heater (for plausibility checks and condensation; it warms the sensor by a few °C).</summary>
    /// <param name="on">On or off.</param>
    /// <returns>Ok or BusError.</returns>
    public Sht3xStatus SetHeater(bool on) =>
        SendCommand(on ? Sht3xCodec.HeaterEnable : Sht3xCodec.HeaterDisable) is null ? Sht3xStatus.Ok : Sht3xStatus.BusError;

    /// <summary>Soft reset, then waits until the sensor is ready again.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Ok or BusError.</returns>
    public async Task<Sht3xStatus> SoftResetAsync(CancellationToken cancellationToken)
    {
        if (SendCommand(Sht3xCodec.SoftReset) is not null)
        {
            return Sht3xStatus.BusError;
        }

        await Task.Delay(SoftResetWait, _time, cancellationToken).ConfigureAwait(false);
        return Sht3xStatus.Ok;
    }

    // System.Device.I2c reports a NACK (and every other transfer failure) as an IOException.
    private string? SendCommand(ushort command)
    {
        Span<byte> bytes = stackalloc byte[2];
        Sht3xCodec.WriteCommand(command, bytes);
        try
        {
            _device.Write(bytes);
            return null;
        }
        catch (IOException ex)
        {
            Counters.BusErrors++;
            return ex.Message;
        }
    }

    private string? Read(Span<byte> reply)
    {
        try
        {
            _device.Read(reply);
            return null;
        }
        catch (IOException ex)
        {
            Counters.BusErrors++;
            return ex.Message;
        }
    }
}
