using System.Threading.Channels;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Sensors;

/// <summary>
/// Turns SHT3x measurements into telemetry points: channel <c>temperature</c> (°C) and <c>humidity</c> (%RH),
/// the same names as the fridge and air-handling maps use, so local rules apply unchanged. A failed
/// measurement gives both points with <see cref="Quality.Bad"/> and the last good value (0 before the first),
/// never NaN, so every sink can encode them and rules ignore them.
/// </summary>
public sealed class Sht3xPoller
{
    /// <summary>Temperature channel name.</summary>
    public const string TemperatureChannel = "temperature";

    /// <summary>Humidity channel name.</summary>
    public const string HumidityChannel = "humidity";

    private readonly Sht3xDriver _driver;
    private readonly DeviceTags _device;
    private readonly TimeProvider _time;
    private Sht3xReading _lastGood;

    /// <summary>Creates a poller for one sensor.</summary>
    /// <param name="driver">The sensor.</param>
    /// <param name="device">Tags of the points.</param>
    /// <param name="time">Clock for timestamps and the poll interval.</param>
    public Sht3xPoller(Sht3xDriver driver, DeviceTags device, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(time);
        _driver = driver;
        _device = device;
        _time = time;
    }

    /// <summary>Polls that ended with an unexpected exception (not a bus or CRC error, which the driver counts).</summary>
    public long UnexpectedErrors { get; private set; }

    /// <summary>Measures once.</summary>
    /// <param name="cancellationToken">Cancels the measurement wait.</param>
    /// <returns>The temperature point, then the humidity point.</returns>
    public async Task<IReadOnlyList<TelemetryPoint>> PollOnceAsync(CancellationToken cancellationToken)
    {
        Sht3xResult<Sht3xReading> result = await _driver.MeasureAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsOk)
        {
            _lastGood = result.Value;
        }

        return Points(result.IsOk ? Quality.Good : Quality.Bad);
    }

    /// <summary>Polls every <paramref name="interval"/> (first poll at once) and writes the points until cancelled.</summary>
    /// <param name="interval">Poll interval.</param>
    /// <param name="output">Where the points go.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>Completes when cancelled or when the output is closed.</returns>
    public async Task RunAsync(TimeSpan interval, ChannelWriter<TelemetryPoint> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            do
            {
                IReadOnlyList<TelemetryPoint> points;
                try
                {
                    points = await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Catch-all of the sensor loop: a driver or bus surprise must not end polling; the points say bad.
                    UnexpectedErrors++;
                    points = Points(Quality.Bad);
                }

                foreach (TelemetryPoint point in points)
                {
                    await output.WriteAsync(point, cancellationToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of the loop.
        }
        catch (ChannelClosedException)
        {
            // The pipeline closed its input: nothing more to do.
        }
    }

    private TelemetryPoint[] Points(Quality quality)
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return
        [
            new TelemetryPoint(_device, TemperatureChannel, _lastGood.TemperatureC, "°C", quality, now),
            new TelemetryPoint(_device, HumidityChannel, _lastGood.RelativeHumidityPercent, "%RH", quality, now),
        ];
    }
}
