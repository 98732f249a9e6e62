using System.Globalization;
using Hpms.Edge.Polling;
using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Hosting;

/// <summary>Prints readings for <c>--once</c>. (Switches to the shared line-protocol encoder once it lands.)</summary>
internal static class OncePrinter
{
    public static async Task PrintAsync(IReadOnlyList<DeviceReading> readings, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (DeviceReading reading in readings)
        {
            foreach (TelemetryPoint p in reading.Points)
            {
                string value = p.Text ?? p.Value.ToString("R", CultureInfo.InvariantCulture);
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"{p.Device.DeviceClass} {p.Device.DeviceId} {p.Channel}={value} {p.Unit} {p.Quality}").AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
