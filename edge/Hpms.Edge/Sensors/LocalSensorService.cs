using System.Device.I2c;
using Hpms.Edge.Configuration;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Sensors;

/// <summary>
/// Reads the gateway's own SHT3x probe and hands its readings to the same pipeline as the Modbus devices
/// (rules, buffers, sinks). A missing bus or probe is logged and the gateway carries on without it.
/// </summary>
public sealed partial class LocalSensorService(
    IOptions<LocalSensorOptions> options, IOptions<GatewayOptions> gateway, ReadingChannel output, TimeProvider clock, ILogger<LocalSensorService> logger)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LocalSensorOptions o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        I2cDevice device;
        try
        {
            device = I2cDevice.Create(new I2cConnectionSettings(o.BusId, o.Address));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
        {
            LogNoBus(logger, ex, o.BusId, o.Address);
            return;
        }

        using (device)
        {
            var tags = new DeviceTags(gateway.Value.Site, string.Empty, o.Zone, gateway.Value.Id, "gateway-probe", o.DeviceId);
            var poller = new Sht3xPoller(new Sht3xDriver(device, clock), tags, clock);
            using var timer = new PeriodicTimer(o.Interval, clock);
            try
            {
                do
                {
                    IReadOnlyList<TelemetryPoint> points = await poller.PollOnceAsync(stoppingToken).ConfigureAwait(false);
                    bool good = points.All(p => p.Quality == Quality.Good);
                    long at = points.Count > 0 ? points[0].TimestampUnixMs : clock.GetUtcNow().ToUnixTimeMilliseconds();
                    await output.Writer.WriteAsync(new DeviceReading(tags, at, points, good), stoppingToken).ConfigureAwait(false);
                }
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Local sensor: cannot open I2C bus {Bus} address {Address}; the gateway runs without its probe")]
    private static partial void LogNoBus(ILogger logger, Exception exception, int bus, int address);
}
