using Hpms.Edge.Configuration;
using Hpms.Edge.Devices;
using Hpms.Edge.Pipeline;
using Hpms.Edge.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Hosting;

/// <summary>
/// <c>hpms-edge --config site.json --once</c>: poll every Modbus device once (lines concurrently) and
/// print the points, like <c>telegraf --test</c>, for commissioning a site. Exit 0 when every device
/// answered, 1 when any did not.
/// </summary>
public static class OnceCommand
{
    /// <summary>Polls once and prints.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Stops the poll.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        GatewayOptions gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value; // validates
        IReadOnlyList<EdgeDevice> devices = EdgeDeviceFactory.Create(gateway);
        var channel = new ReadingChannel();
        IReadOnlyList<PollLine> lines = PollLines.Create(gateway, devices, channel, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>());
        try
        {
            DeviceReading[][] perLine = await Task.WhenAll(lines.Select(async line =>
            {
                List<DeviceReading> readings = [];
                foreach (EdgeDevice device in line.Devices())
                {
                    readings.Add(await line.PollOnceAsync(device, cancellationToken).ConfigureAwait(false));
                }

                return readings.ToArray();
            })).ConfigureAwait(false);

            DeviceReading[] all = [.. perLine.SelectMany(r => r).OrderBy(r => r.Device.DeviceId, StringComparer.Ordinal)];
            await OncePrinter.PrintAsync(all, output, cancellationToken).ConfigureAwait(false);
            return all.All(r => r.Succeeded) ? 0 : 1;
        }
        finally
        {
            foreach (PollLine line in lines)
            {
                await line.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
